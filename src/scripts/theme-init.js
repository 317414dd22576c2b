try {
  const t = localStorage.getItem('learnspace-theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch {
  /* storage blocked: keep the default theme */
}

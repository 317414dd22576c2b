/** Site-wide names and texts, shared by the layout, RSS and pages. */
export const siteName = 'Learnspace';
export const siteDescription = 'Free, visual courses with lectures, readings, quizzes and hands-on assignments. Your progress stays in your browser.';

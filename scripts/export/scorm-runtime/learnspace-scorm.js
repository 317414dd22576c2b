/*
 * Learnspace's SCORM 1.2 launch script (browser). It finds the LMS's API,
 * shows the course's pages in a frame and mirrors the site's own progress
 * (localStorage, written by the pages) to the LMS: lesson status, the score of
 * the course's quizzes, the page to resume at and the progress itself in
 * cmi.suspend_data, read back into localStorage on the next launch. Outside an
 * LMS it only shows the pages, which keep progress in localStorage as the site does.
 */
(function () {
  'use strict';
  var SUSPEND_LIMIT = 4096;
  var config = JSON.parse(document.getElementById('learnspace-course').textContent);
  var frame = document.getElementById('learnspace-frame');
  var base = new URL('.', location.href).href;
  var startedAt = Date.now();

  /** The SCORM 1.2 API object of an enclosing LMS window, found the standard way (parents, then the opener's). */
  function findApi(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        if (win.API && typeof win.API.LMSInitialize === 'function') return win.API;
      } catch (e) {
        return null;
      }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var lms = false;
  try {
    lms = !!api && String(api.LMSInitialize('')) === 'true';
  } catch (e) {
    lms = false;
  }

  function get(name) {
    try {
      return String(api.LMSGetValue(name) || '');
    } catch (e) {
      return '';
    }
  }
  function set(name, value) {
    try {
      api.LMSSetValue(name, String(value));
    } catch (e) {
      /* an LMS that refuses one value must not stop the others */
    }
  }

  function readState() {
    try {
      var state = JSON.parse(localStorage.getItem(config.progressKey) || 'null');
      if (state && state.version === config.progressVersion && state.items && state.courses) {
        // The site's store keeps review states and learner notes beside items; a state without them is rejected as corrupt.
        state.reviews = state.reviews || {};
        state.marks = state.marks || {};
        return state;
      }
    } catch (e) {
      /* unreadable progress is replaced, as the site does */
    }
    return { version: config.progressVersion, items: {}, courses: {}, reviews: {}, marks: {} };
  }
  function writeState(state) {
    try {
      localStorage.setItem(config.progressKey, JSON.stringify(state));
    } catch (e) {
      /* without storage the pages say that progress will not be kept */
    }
  }

  /** This course's records as suspend data, dropping detail until it fits SCORM 1.2's 4096 characters. */
  function encodeSuspend(state) {
    var course = state.courses[config.course] || {};
    var last = -1;
    var records = {};
    config.items.forEach(function (item, index) {
      if (state.items[item.key]) records[index] = state.items[item.key];
      if (item.key === course.lastItemKey) last = index;
    });
    var drops = [[], ['visitedAt'], ['visitedAt', 'changedAt', 'video'], ['visitedAt', 'changedAt', 'video', 'completedAt', 'passedAt']];
    for (var d = 0; d < drops.length; d++) {
      var slim = {};
      Object.keys(records).forEach(function (index) {
        var r = JSON.parse(JSON.stringify(records[index]));
        drops[d].forEach(function (field) {
          delete r[field];
          if (r.quiz) delete r.quiz[field];
        });
        slim[index] = r;
      });
      var text = JSON.stringify({ v: 1, l: last, i: slim });
      if (text.length <= SUSPEND_LIMIT) return text;
    }
    return JSON.stringify({
      v: 1,
      l: last,
      c: Object.keys(records)
        .filter(function (i) {
          return records[i].completed;
        })
        .map(Number),
    });
  }

  /** Replaces this course's records in the browser's progress with the LMS's (the LMS knows who the learner is). */
  function restore(suspend) {
    var state = readState();
    config.items.forEach(function (item) {
      delete state.items[item.key];
    });
    delete state.courses[config.course];
    var data = null;
    try {
      data = suspend ? JSON.parse(suspend) : null;
    } catch (e) {
      data = null;
    }
    if (data && data.v === 1) {
      Object.keys(data.i || {}).forEach(function (index) {
        var item = config.items[Number(index)];
        if (item) state.items[item.key] = data.i[index];
      });
      (data.c || []).forEach(function (index) {
        var item = config.items[index];
        if (item) state.items[item.key] = { completed: true };
      });
      var last = config.items[data.l];
      if (last) state.courses[config.course] = { lastItemKey: last.key };
    }
    writeState(state);
  }

  function pageOf(item) {
    return item ? item.page : config.start;
  }

  function currentPage() {
    try {
      var href = frame.contentWindow.location.href;
      return href.indexOf(base) === 0 ? href.slice(base.length).replace(/[?#].*$/, '') : '';
    } catch (e) {
      return '';
    }
  }

  function sessionTime() {
    var s = Math.max(0, Math.round((Date.now() - startedAt) / 1000));
    var pad = function (n, w) {
      n = String(n);
      while (n.length < w) n = '0' + n;
      return n;
    };
    return pad(Math.floor(s / 3600), 4) + ':' + pad(Math.floor((s % 3600) / 60), 2) + ':' + pad(s % 60, 2);
  }

  var reported = '';
  /** Sends the current progress to the LMS when it changed. */
  function report() {
    if (!lms) return;
    var state = readState();
    var done = 0;
    var quizzes = 0;
    var attempted = 0;
    var total = 0;
    config.items.forEach(function (item) {
      var record = state.items[item.key];
      if (record && record.completed) done++;
      if (item.quiz) {
        quizzes++;
        if (record && record.quiz) {
          attempted++;
          total += record.quiz.bestScore;
        }
      }
    });
    var complete = config.items.length > 0 && done === config.items.length;
    var status = get('cmi.core.lesson_status');
    var next = status === 'passed' || status === 'completed' || status === 'failed' ? status : 'incomplete';
    var score = attempted > 0 ? Math.round(total / quizzes) : null;
    if (complete) {
      var mastery = parseFloat(get('cmi.student_data.mastery_score'));
      next = !isNaN(mastery) && score !== null ? (score >= mastery ? 'passed' : 'failed') : 'completed';
    }
    var page = currentPage();
    var values = [
      ['cmi.core.lesson_status', next],
      ['cmi.suspend_data', encodeSuspend(state)],
    ];
    if (page) values.push(['cmi.core.lesson_location', page]);
    if (score !== null) values.push(['cmi.core.score.min', '0'], ['cmi.core.score.max', '100'], ['cmi.core.score.raw', String(score)]);
    var key = JSON.stringify(values);
    if (key === reported) return;
    reported = key;
    values.forEach(function (v) {
      set(v[0], v[1]);
    });
    try {
      api.LMSCommit('');
    } catch (e) {
      /* the next change commits again */
    }
  }

  var start = config.start;
  if (lms) {
    restore(get('cmi.suspend_data'));
    var status = get('cmi.core.lesson_status');
    if (status === '' || status === 'not attempted') set('cmi.core.lesson_status', 'incomplete');
    var location_ = get('cmi.core.lesson_location');
    if (
      config.items.some(function (item) {
        return item.page === location_;
      })
    )
      start = location_;
  } else {
    var course = readState().courses[config.course];
    var last =
      course &&
      config.items.filter(function (item) {
        return item.key === course.lastItemKey;
      })[0];
    if (last) start = pageOf(last);
  }

  window.addEventListener('storage', function (event) {
    if (event.key === config.progressKey || event.key === null) report();
  });
  frame.addEventListener('load', function () {
    var title;
    try {
      title = frame.contentDocument.title;
    } catch (e) {
      title = '';
    }
    if (title) document.title = title;
    report();
  });

  var finished = false;
  function finish() {
    if (finished || !lms) return;
    finished = true;
    report();
    var state = readState();
    var complete = config.items.every(function (item) {
      return state.items[item.key] && state.items[item.key].completed;
    });
    set('cmi.core.exit', complete ? '' : 'suspend');
    set('cmi.core.session_time', sessionTime());
    try {
      api.LMSCommit('');
      api.LMSFinish('');
    } catch (e) {
      /* the LMS is going away with the page */
    }
  }
  window.addEventListener('pagehide', finish);
  window.addEventListener('beforeunload', finish);

  frame.src = start;
})();

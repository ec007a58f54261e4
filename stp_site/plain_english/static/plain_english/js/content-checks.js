/*
 * The plain-English check as the editor writes (stp_site/plain_english/content_checks.py).
 *
 * Loaded by Wagtail's userbar, which only signed-in staff ever get, this registers the evaluate
 * functions of our content checks with `window.wagtail.userbar.registerCheck`, before Wagtail runs
 * axe-core on the page (on the window's `load`). In the page editor's live preview Wagtail runs the
 * checks again after every update, lists what fails in the Checks panel and annotates the preview.
 * Loaded in the page editor too (the `insert_editor_js` hook), it shows the live reading age beside
 * Wagtail's content metrics in the Checks panel.
 *
 * The measures are readability.py's, ported: reading age is textstat's Flesch-Kincaid grade plus 5,
 * with textstat's rules for words and sentences. Only syllables differ: textstat looks words up in the
 * CMU pronouncing dictionary, which is too big to send to the browser, so they are counted by a rule.
 * Every threshold and list comes from Python, in the checks' `options`.
 */
(function () {
  'use strict';

  var WORD = /[A-Za-z0-9][A-Za-z0-9'\u2019&-]*/g;
  var SENTENCE_END = /(?<=[.!?])\s+(?=\S)/;
  var TEXT_BLOCKS = 'p, li, h2, h3, h4, h5, h6, td, th, dd, dt';

  function words(text) {
    return text.match(WORD) || [];
  }

  /** Text segments, one per block element, as readability.segments_from_html makes them. */
  function segments(root, options) {
    var blockTags = new Set((options.blockTags || []).map(function (tag) { return tag.toUpperCase(); }));
    var ignore = options.ignore || '';
    var parts = [[]];
    function walk(node) {
      if (node.nodeType === Node.TEXT_NODE) {
        parts[parts.length - 1].push(node.data);
        return;
      }
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (ignore && node.matches(ignore)) return;
      var block = blockTags.has(node.tagName);
      if (block) parts.push([]);
      node.childNodes.forEach(walk);
      if (block) parts.push([]);
    }
    walk(root);
    return parts
      .map(function (part) { return part.join('').split(/\s+/).filter(Boolean).join(' '); })
      .filter(Boolean);
  }

  /** readability.as_sentences: each segment ends with a full stop if it has no end punctuation. */
  function asSentences(segmentList) {
    return segmentList
      .map(function (segment) { return segment.trim(); })
      .filter(Boolean)
      .map(function (segment) {
        var last = segment[segment.length - 1];
        if (last === ':') return segment.slice(0, -1) + '.';
        return '.!?'.indexOf(last) === -1 ? segment + '.' : segment;
      })
      .join(' ');
  }

  // textstat 0.7.8's counts.
  function listWords(text) {
    var kept = text.replace(/'(?!(?:[tsd]|ve|ll|re))/g, '').replace(/[^\p{L}\p{N}_\s']/gu, '');
    return kept.split(/\s+/).filter(Boolean);
  }

  function sentenceCount(text) {
    if (!text) return 0;
    var sentences = text.match(/\b[^.!?]+[.!?]*/g) || [];
    var short = sentences.filter(function (sentence) { return listWords(sentence).length <= 2; }).length;
    return Math.max(1, sentences.length - short);
  }

  /** Syllables in one word, by rule: groups of vowels, less a silent "e" or "ed" at the end. */
  function wordSyllables(word) {
    var letters = word.toLowerCase().replace(/[^a-z]/g, '');
    if (!letters) return 1;
    if (letters.length <= 3) return 1;
    letters = letters.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '').replace(/^y/, '');
    var groups = letters.match(/[aeiouy]{1,2}/g);
    return groups ? groups.length : 1;
  }

  function syllableCount(text) {
    return listWords(text.toLowerCase()).reduce(function (sum, word) { return sum + wordSyllables(word); }, 0);
  }

  /** readability.reading_age: Flesch-Kincaid grade + 5, to one decimal place; null for too little text. */
  function readingAge(text, options) {
    if (words(text).length < (options.minimumWords || 5)) return null;
    var wordTotal = listWords(text).length;
    var sentences = sentenceCount(text);
    var perSentence = sentences ? wordTotal / sentences : 0;
    var perWord = wordTotal ? syllableCount(text) / wordTotal : 0;
    var grade = perSentence === 0 || perWord === 0 ? 0 : 0.39 * perSentence + 11.8 * perWord - 15.59;
    return Math.round((Math.max(grade, 0) + 5) * 10) / 10;
  }

  function longSentences(text, limit) {
    return text
      .split(SENTENCE_END)
      .map(function (sentence) { return { words: words(sentence).length, sentence: sentence.trim() }; })
      .filter(function (item) { return item.words > limit; });
  }

  function jargonCount(text, term, caseSensitive) {
    var escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    var pattern = new RegExp('(?<![\\w-])' + escaped + '(?![\\w-])', caseSensitive ? 'g' : 'gi');
    return (text.match(pattern) || []).length;
  }

  function ignored(node, options) {
    return Boolean(options.ignore && node.closest(options.ignore));
  }

  /** The text of one block (a paragraph, list item, cell) that holds no other block: else its inner
   * blocks are checked instead, and the same words are not flagged twice. */
  // Each jargon term is a check of its own: measure a block once while its text stays the same.
  var blockTexts = new WeakMap();
  function blockText(node, options) {
    var cached = blockTexts.get(node);
    if (!cached || cached.source !== node.textContent) {
      var skip = ignored(node, options) || node.querySelector(TEXT_BLOCKS);
      cached = { source: node.textContent, text: skip ? '' : asSentences(segments(node, options)) };
      blockTexts.set(node, cached);
    }
    return cached.text;
  }

  // The evaluate functions: true passes, false fails (axe-core's custom checks).

  function checkReadingAge(node, options) {
    var age = readingAge(asSentences(segments(node, options)), options);
    if (this && this.data) this.data({ readingAge: age, target: options.target });
    return age === null || age <= options.target;
  }

  function checkLongSentence(node, options) {
    var found = longSentences(blockText(node, options), options.longSentenceWords);
    if (found.length && this && this.data) this.data({ words: found[0].words, limit: options.longSentenceWords });
    return found.length === 0;
  }

  function checkJargon(node, options) {
    return jargonCount(blockText(node, options), options.term, options.caseSensitive) === 0;
  }

  function isPdf(path) {
    return /\.pdf$/i.test(path);
  }

  function pathOf(link) {
    try {
      return new URL(link.getAttribute('href'), window.location.href).pathname;
    } catch (error) {
      return '';
    }
  }

  /** A link to a web page: not to a document, an anchor on this page, an email address or a phone. */
  function isWebPageLink(link, options) {
    var href = (link.getAttribute('href') || '').trim();
    if (!href || /^(#|mailto:|tel:|javascript:)/i.test(href)) return false;
    var path = pathOf(link);
    var extension = (path.match(/\.([a-z0-9]+)$/i) || [])[1];
    var documents = (options.documentExtensions || []).map(function (ext) { return ext.toLowerCase(); });
    return path.indexOf('/documents/') !== 0 && !(extension && documents.indexOf(extension.toLowerCase()) !== -1);
  }

  /** A link to a PDF needs a link to a web page beside it: in the same paragraph, list item or cell,
   * or in the block just before or after that one. */
  function checkPdfAlternative(node, options) {
    if (!isPdf(pathOf(node))) return true;
    var block = node.closest('p, li, td, th, dd, dt') || node.parentElement;
    var near = [block, block && block.previousElementSibling, block && block.nextElementSibling];
    return near.some(function (element) {
      if (!element) return false;
      var links = Array.from(element.querySelectorAll('a[href]'));
      if (element.matches('a[href]')) links.push(element);
      return links.some(function (link) { return link !== node && isWebPageLink(link, options); });
    });
  }

  /** Content images (in a figure: the image block, a news item's image) need alt text unless the
   * editor ticked "decorative" (the figure then has data-decorative); every image needs an alt. */
  function checkImageAlt(node) {
    if (!node.hasAttribute('alt')) return false;
    if (node.getAttribute('alt').trim()) return true;
    var figure = node.closest('figure');
    return !figure || figure.hasAttribute('data-decorative');
  }

  var CHECKS = {
    'plain-english-reading-age': checkReadingAge,
    'plain-english-long-sentence': checkLongSentence,
    'plain-english-pdf-only': checkPdfAlternative,
    'plain-english-image-alt': checkImageAlt,
  };
  var JARGON_PREFIX = 'plain-english-jargon-';

  function axeConfiguration(root) {
    var script = root && root.querySelector('#checker-axe-configuration');
    if (!script) return null;
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      return null;
    }
  }

  function checkOptions(config, id) {
    var checks = (config && config.spec && config.spec.checks) || [];
    var check = checks.filter(function (item) { return item.id === id; })[0];
    return check ? check.options || {} : null;
  }

  /** In the page (and the live preview): register the evaluate functions with Wagtail's userbar. */
  function registerWithUserbar(userbar) {
    Object.keys(CHECKS).forEach(function (id) { userbar.registerCheck(id, CHECKS[id]); });
    var config = axeConfiguration(userbar.shadowRoot);
    ((config && config.spec && config.spec.checks) || []).forEach(function (check) {
      if (check.id.indexOf(JARGON_PREFIX) === 0) userbar.registerCheck(check.id, checkJargon);
    });
  }

  /** In the page editor: the live reading age beside Wagtail's content metrics in the Checks panel. */
  function showReadingAgeInEditor() {
    var options = checkOptions(axeConfiguration(document), 'plain-english-reading-age');
    var readability = document.querySelector('[data-side-panel="checks"] [data-content-readability-score]');
    if (!options || !readability || !readability.parentElement) return;
    var metric = document.createElement('div');
    var heading = document.createElement('h3');
    heading.className = 'w-my-2 w-text-14 w-text-text-placeholder';
    heading.textContent = 'Reading age';
    var value = document.createElement('p');
    value.className = 'w-font-semibold w-text-text-label';
    value.setAttribute('data-plain-english-reading-age', '');
    value.textContent = '-';
    metric.append(heading, value);
    readability.parentElement.after(metric);

    document.addEventListener('w-preview:content', function (event) {
      var content = event.detail && event.detail.content;
      if (!content) return;
      var main = new DOMParser().parseFromString('<main>' + content.innerHTML + '</main>', 'text/html').body;
      var age = readingAge(asSentences(segments(main, options)), options);
      if (age === null) {
        value.textContent = 'Not enough text to measure';
      } else if (age > options.target) {
        value.textContent = age + ': above ' + options.target + ', harder to read than it should be';
      } else {
        value.textContent = age + ': good, ' + options.target + ' or below';
      }
      value.setAttribute('data-plain-english-reading-age', String(age));
    });
  }

  window.stpPlainEnglish = {
    segments: segments,
    asSentences: asSentences,
    readingAge: readingAge,
    longSentences: longSentences,
    jargonCount: jargonCount,
    checks: CHECKS,
  };

  var userbar = window.wagtail && window.wagtail.userbar;
  if (userbar && typeof userbar.registerCheck === 'function') {
    registerWithUserbar(userbar);
  } else if (document.readyState === 'loading') {
    // The editor's scripts load in the head, before the Checks panel is in the page.
    document.addEventListener('DOMContentLoaded', showReadingAgeInEditor);
  } else {
    showReadingAgeInEditor();
  }
})();

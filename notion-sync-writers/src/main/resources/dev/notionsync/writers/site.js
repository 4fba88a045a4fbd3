/* notion-sync HTML export: the sidebar (page tree and title search) and math typesetting.
 * Static: the tree comes from assets/site-data.js (window.NOTION_SYNC_SITE, written at the end of the export), so
 * pages work from file:// without fetch. Titles are inserted as text only, never as markup. */
(function () {
  'use strict';

  function typesetMath() {
    if (typeof window.katex === 'undefined') {
      return;
    }
    var nodes = document.querySelectorAll('.math');
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      try {
        window.katex.render(node.textContent, node, {
          displayMode: node.classList.contains('math-display'),
          throwOnError: false,
          trust: false
        });
      } catch (e) {
        // the LaTeX source stays visible
      }
    }
  }

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;
    }
  }

  function sidebar() {
    var nav = document.getElementById('sidebar');
    var site = window.NOTION_SYNC_SITE;
    if (!nav || !site || !site.pages) {
      return;
    }
    // each page: [href, title, kind, parent index or -1]
    var pages = site.pages;
    var kids = {};
    for (var i = 0; i < pages.length; i++) {
      var parent = pages[i][3];
      (kids[parent] = kids[parent] || []).push(i);
    }
    var here = decode(location.pathname.substring(location.pathname.lastIndexOf('/') + 1));
    var current = -1;
    for (var j = 0; j < pages.length; j++) {
      if (decode(pages[j][0]) === here) {
        current = j;
        break;
      }
    }
    var open = {};
    for (var k = current; k >= 0; k = pages[k][3]) {
      open[k] = true;
    }

    function link(index) {
      var a = document.createElement('a');
      a.href = pages[index][0];
      a.textContent = pages[index][1] || 'Untitled';
      a.className = pages[index][2];
      if (index === current) {
        a.setAttribute('aria-current', 'page');
      }
      return a;
    }

    function list(parent) {
      var ul = document.createElement('ul');
      var items = kids[parent] || [];
      for (var n = 0; n < items.length; n++) {
        ul.appendChild(item(items[n]));
      }
      return ul;
    }

    function item(index) {
      var li = document.createElement('li');
      var row = document.createElement('div');
      row.className = 'entry';
      li.appendChild(row);
      if (kids[index]) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'twisty';
        button.setAttribute('aria-label', 'Show pages inside');
        var child = null;
        var toggle = function (show) {
          if (show && !child) {
            child = list(index);
            li.appendChild(child);
          }
          if (child) {
            child.hidden = !show;
          }
          button.setAttribute('aria-expanded', show ? 'true' : 'false');
          button.textContent = show ? '▾' : '▸';
        };
        button.addEventListener('click', function () {
          toggle(button.getAttribute('aria-expanded') !== 'true');
        });
        row.appendChild(button);
        toggle(open[index] === true);
      } else {
        var spacer = document.createElement('span');
        spacer.className = 'twisty';
        row.appendChild(spacer);
      }
      row.appendChild(link(index));
      return li;
    }

    var search = document.createElement('input');
    search.type = 'search';
    search.placeholder = 'Search titles';
    search.setAttribute('aria-label', 'Search page titles');
    var results = document.createElement('ul');
    results.className = 'results';
    results.hidden = true;
    var tree = list(-1);
    tree.className = 'site-tree';
    search.addEventListener('input', function () {
      var query = search.value.trim().toLowerCase();
      while (results.firstChild) {
        results.removeChild(results.firstChild);
      }
      results.hidden = query === '';
      tree.hidden = query !== '';
      if (query === '') {
        return;
      }
      var shown = 0;
      for (var m = 0; m < pages.length && shown < 200; m++) {
        if ((pages[m][1] || 'Untitled').toLowerCase().indexOf(query) >= 0) {
          var li = document.createElement('li');
          li.appendChild(link(m));
          results.appendChild(li);
          shown++;
        }
      }
      if (shown === 0) {
        var none = document.createElement('li');
        none.className = 'none';
        none.textContent = 'No page title matches';
        results.appendChild(none);
      }
    });
    nav.appendChild(search);
    nav.appendChild(results);
    nav.appendChild(tree);
    var mark = nav.querySelector('[aria-current]');
    if (mark) {
      // scrolls the sidebar only, not the page
      nav.scrollTop = Math.max(0, mark.offsetTop - nav.clientHeight / 2);
    }
  }

  function start() {
    sidebar();
    typesetMath();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();

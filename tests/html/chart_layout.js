// Measures the inline charts of an HTML report as Chromium laid them out, and evaluates to what it
// found, one fact a line, for chart_layout.py, which runs it in the loaded page. The facts do not
// depend on the fonts installed: how many charts and labels there are, the smallest size a label is
// drawn at in CSS pixels (its font-size times the chart's scale on the screen), the narrowest chart,
// how many chart titles keep a line break, whether the page itself scrolls sideways (a table may,
// inside its own box), and a line "problem: ..." for every label that overlaps another label of its
// chart or leaves the chart, and every chart that leaves its table cell.
'use strict';

(function () {
  const lines = [];
  const slack = 0.01;  // rounding of layout units, in CSS pixels
  const fixed = (value) => value.toFixed(2);
  const overlaps = (a, b) =>
    a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
  const inside = (inner, outer) =>
    inner.left >= outer.left - slack && inner.right <= outer.right + slack && inner.top >= outer.top - slack &&
    inner.bottom <= outer.bottom + slack;
  const show = (text) => JSON.stringify(text);

  const charts = Array.from(document.querySelectorAll('svg.evident-chart'));
  let labels = 0;
  let smallest = Infinity;
  let narrowest = Infinity;
  const problems = [];
  charts.forEach((svg, index) => {
    const name = 'chart ' + (index + 1);
    const box = svg.getBoundingClientRect();
    narrowest = Math.min(narrowest, box.width);
    const cell = svg.closest('td');
    if (cell && !inside(box, cell.getBoundingClientRect())) problems.push(name + ' leaves its table cell');
    const texts = Array.from(svg.querySelectorAll('text'));
    const boxes = texts.map((text) => text.getBoundingClientRect());
    texts.forEach((text, i) => {
      labels += 1;
      const size = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
      smallest = Math.min(smallest, size);
      if (!inside(boxes[i], box)) problems.push(name + ' label ' + show(text.textContent) + ' leaves the chart');
      for (let j = i + 1; j < texts.length; j += 1) {
        if (overlaps(boxes[i], boxes[j])) {
          problems.push(name + ' label ' + show(text.textContent) + ' overlaps ' + show(texts[j].textContent));
        }
      }
    });
  });

  const root = document.documentElement;
  lines.push('viewport ' + window.innerWidth);
  lines.push('charts ' + charts.length);
  lines.push('labels ' + labels);
  lines.push('smallest label font ' + (labels ? fixed(smallest) + 'px' : '-'));
  lines.push('narrowest chart ' + (charts.length ? fixed(narrowest) + 'px' : '-'));
  lines.push('titles with a line break ' +
             charts.filter((svg) => svg.querySelector('title').textContent.includes('\n')).length);
  lines.push('page scrolls sideways ' + (root.scrollWidth > root.clientWidth ? 'yes' : 'no'));
  problems.forEach((problem) => lines.push('problem: ' + problem));

  return lines.join('\n') + '\n';
})();

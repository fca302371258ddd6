/**
 * A chart part (xl/charts/chartN.xml, DrawingML chartSpace, ECMA-376 part 1 section 21.2) for one
 * ChartData: a clustered bar chart (horizontal bars, as the Office.js writer's "BarClustered"), a
 * pie or a line chart; the series read the sheet's cells and carry their values as caches. Like
 * the Office.js writer: the chart's title, and a legend only for a pie or several series.
 */
import type { ChartData, ChartSeries } from "./chart-data";
import { XML_DECLARATION, el, textEl, val } from "./xml-builder";

const NS = {
  "xmlns:c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
  "xmlns:a": "http://schemas.openxmlformats.org/drawingml/2006/main",
  "xmlns:r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
};
const CATEGORY_AXIS = 500000001;
const VALUE_AXIS = 500000002;

function title(text: string): string {
  const run = el("a:r", {}, el("a:rPr", { lang: "en-US", b: 1 }), textEl("a:t", text));
  return el(
    "c:title",
    {},
    el(
      "c:tx",
      {},
      el(
        "c:rich",
        {},
        el("a:bodyPr"),
        el("a:lstStyle"),
        el("a:p", {}, el("a:pPr", {}, el("a:defRPr", { b: 1 })), run),
      ),
    ),
    val("c:overlay", 0),
  );
}

function strRef(ref: string, texts: readonly (string | null)[]): string {
  const points = texts.map((t, i) => (t === null ? "" : el("c:pt", { idx: i }, textEl("c:v", t))));
  return el(
    "c:strRef",
    {},
    textEl("c:f", ref),
    el("c:strCache", {}, val("c:ptCount", texts.length), ...points),
  );
}

function numRef(ref: string, values: readonly (number | null)[], formatCode: string): string {
  const points = values.map((v, i) =>
    v === null ? "" : el("c:pt", { idx: i }, textEl("c:v", String(v))),
  );
  return el(
    "c:numRef",
    {},
    textEl("c:f", ref),
    el(
      "c:numCache",
      {},
      textEl("c:formatCode", formatCode),
      val("c:ptCount", values.length),
      ...points,
    ),
  );
}

function series(chart: ChartData, s: ChartSeries, i: number): string {
  const head = [val("c:idx", i), val("c:order", i), el("c:tx", {}, strRef(s.nameRef, [s.name]))];
  const data = [
    el("c:cat", {}, strRef(chart.categoriesRef, chart.categories)),
    el("c:val", {}, numRef(s.valuesRef, s.values, s.formatCode)),
  ];
  switch (chart.kind) {
    case "bar":
      return el("c:ser", {}, ...head, val("c:invertIfNegative", 0), ...data);
    case "line":
      return el(
        "c:ser",
        {},
        ...head,
        el("c:marker", {}, val("c:symbol", "none")),
        ...data,
        val("c:smooth", 0),
      );
    case "pie":
      return el("c:ser", {}, ...head, ...data);
  }
}

/**
 * One axis (CT_CatAx / CT_ValAx share this sequence): `gridlines` goes after axPos, `tail` after
 * crosses (the category axis's label settings, the value axis's crossBetween).
 */
function axis(
  tag: "c:catAx" | "c:valAx",
  id: number,
  crossAx: number,
  position: "l" | "b",
  formatCode: string,
  gridlines: string,
  tail: string[],
): string {
  return el(
    tag,
    {},
    val("c:axId", id),
    el("c:scaling", {}, val("c:orientation", "minMax")),
    val("c:delete", 0),
    val("c:axPos", position),
    gridlines,
    el("c:numFmt", { formatCode, sourceLinked: 1 }),
    val("c:majorTickMark", "out"),
    val("c:minorTickMark", "none"),
    val("c:tickLblPos", "nextTo"),
    val("c:crossAx", crossAx),
    val("c:crosses", "autoZero"),
    ...tail,
  );
}

/** Category and value axes; a bar chart's categories run down the left, its values along the bottom. */
function axes(chart: ChartData): string {
  const horizontal = chart.kind === "bar";
  const categoryTail = [
    val("c:auto", 1),
    val("c:lblAlgn", "ctr"),
    val("c:lblOffset", 100),
    val("c:noMultiLvlLbl", 0),
  ];
  return (
    axis(
      "c:catAx",
      CATEGORY_AXIS,
      VALUE_AXIS,
      horizontal ? "l" : "b",
      "General",
      "",
      categoryTail,
    ) +
    axis(
      "c:valAx",
      VALUE_AXIS,
      CATEGORY_AXIS,
      horizontal ? "b" : "l",
      chart.series[0]?.formatCode ?? "General",
      el("c:majorGridlines"),
      [val("c:crossBetween", "between")],
    )
  );
}

function plot(chart: ChartData): string {
  const all = chart.series.map((s, i) => series(chart, s, i));
  const axisIds = [val("c:axId", CATEGORY_AXIS), val("c:axId", VALUE_AXIS)];
  switch (chart.kind) {
    case "bar":
      return (
        el(
          "c:barChart",
          {},
          val("c:barDir", "bar"),
          val("c:grouping", "clustered"),
          val("c:varyColors", 0),
          ...all,
          val("c:gapWidth", 150),
          ...axisIds,
        ) + axes(chart)
      );
    case "line":
      return (
        el(
          "c:lineChart",
          {},
          val("c:grouping", "standard"),
          val("c:varyColors", 0),
          ...all,
          val("c:marker", 1),
          ...axisIds,
        ) + axes(chart)
      );
    case "pie":
      return el("c:pieChart", {}, val("c:varyColors", 1), ...all, val("c:firstSliceAng", 0));
  }
}

/** The chart part's XML. */
export function chartXml(chart: ChartData): string {
  const legend =
    chart.kind === "pie" || chart.series.length > 1
      ? el(
          "c:legend",
          {},
          val("c:legendPos", chart.kind === "pie" ? "r" : "b"),
          val("c:overlay", 0),
        )
      : "";
  return (
    XML_DECLARATION +
    el(
      "c:chartSpace",
      NS,
      val("c:roundedCorners", 0),
      el(
        "c:chart",
        {},
        title(chart.title),
        val("c:autoTitleDeleted", 0),
        el("c:plotArea", {}, el("c:layout"), plot(chart)),
        legend,
        val("c:plotVisOnly", 1),
        val("c:dispBlanksAs", "gap"),
      ),
    )
  );
}

/** 404, 405 and 500 in the reader's language: the path's version, else the one Accept-Language asks for. */
import { sitePath } from "../../render/links.js";
import { html } from "../html.js";
import { layout, type PageContext } from "../layout.js";

export type ErrorKind = "not_found" | "not_allowed" | "error";

export function errorPage(p: PageContext, kind: ErrorKind, caseName: string): string {
  const title = p.uiText(`web.${kind}_title`);
  const main = html`<h1>${title}</h1>
<p>${p.ui(`web.${kind}_text`)}</p>
<p><a href="${sitePath(p.v.page, { kind: "case" })}">${p.ui("web.back")}</a></p>`;
  return layout(p, { title: `${title} · ${caseName}`, description: "", pathIn: (l) => sitePath(l, { kind: "case" }), type: "website", error: true }, caseName, main);
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromTelegram, html, inlineTelegram } from "../../src/web/html.js";

describe("page HTML", () => {
  it("escapes every value that is not markup", () => {
    expect(html`<p title="${'"><script>'}">${"<b>&"}${html`<i>ok</i>`}${[1, null, false, "x"]}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;<i>ok</i>1x</p>',
    );
  });

  it("turns a renderer's message into paragraphs and line breaks, keeping b, i, code and http(s) links", () => {
    expect(fromTelegram('📰 <b>Case update</b> · A\n🗓 day\n\nText &amp; more\n<i>Source: <a href="https://x.org/?a=1&amp;b=2">x</a></i>').value).toBe(
      '<p>📰 <b>Case update</b> · A<br>🗓 day</p>\n<p>Text &amp; more<br><i>Source: <a href="https://x.org/?a=1&amp;b=2" rel="noreferrer">x</a></i></p>',
    );
    expect(inlineTelegram("<b>a</b>\n\nb").value).toBe("<b>a</b><br>b");
    expect(fromTelegram('<a href="/en/h/x">page</a>').value).toBe('<p><a href="/en/h/x" rel="noreferrer">page</a></p>');
  });

  it("keeps a link's text but not a link that is not http(s), and closes what a paragraph leaves open", () => {
    expect(fromTelegram('<a href="javascript:alert(1)">x</a> <a href="//evil.org">y</a>').value).toBe("<p><span>x</span> <span>y</span></p>");
    expect(fromTelegram("<i>one\n\ntwo</i>").value).toBe("<p><i>one</i></p>\n<p><i>two</i></p>");
    expect(fromTelegram("<b><i>x</b> y").value).toBe("<p><b><i>x</i></b> y</p>");
  });

  it("whatever it is given, writes only b, i, code, span, p, br and http(s) or local links, well nested", () => {
    const piece = fc.oneof(
      fc.constantFrom("<b>", "</b>", "<i>", "</i>", "<code>", "</code>", "</a>", "\n", "\n\n", "&amp;", "&", "<", ">", '"', "<script>", "<img src=x onerror=y>", "<p>"),
      fc.constantFrom('<a href="https://a.org/?q=1&amp;r">', '<a href="javascript:x">', '<a href="/u/1">', "<a>", '<a href=" onmouseover=x">'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const out = fromTelegram(parts.join("")).value;
        const stack: string[] = [];
        for (const m of out.matchAll(/<(\/?)([a-z]+)([^>]*)>/g)) {
          const [, close, name, attrs] = m;
          expect(["b", "i", "code", "span", "p", "br", "a"]).toContain(name);
          if (name === "a" && !close) expect(attrs).toMatch(/^ href="(https?:\/\/|\/(?!\/))[^"]*" rel="noreferrer"$/);
          else expect(attrs).toBe("");
          if (name === "br") continue;
          if (close) expect(stack.pop()).toBe(name);
          else stack.push(name!);
        }
        expect(stack).toEqual([]);
        // Text never carries a bare < or an unescaped quote out of an attribute.
        expect(out.replace(/<\/?[a-z]+(?: href="[^"]*" rel="noreferrer")?>/g, "")).not.toMatch(/[<>"]/);
      }),
    );
  });
});

/** A local HTTP server that serves feeds the way real sites do: ETag, Last-Modified, 304, errors. */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedFeed {
  /** The body; change it to make the feed grow. */
  body: string;
  type?: string;
  /** Answer with this status instead (a 500, a 503). */
  status?: number;
  /** Send validators (ETag and Last-Modified) and honour them with a 304. */
  validators?: boolean;
}

export interface FeedServer {
  url(path: string): string;
  feeds: Map<string, ServedFeed>;
  /** Every request, with the conditional headers it carried and the status answered. */
  requests: Array<{ path: string; ifNoneMatch?: string; ifModifiedSince?: string; status: number }>;
  stop(): Promise<void>;
}

const LAST_MODIFIED = "Wed, 21 Jan 2026 10:00:00 GMT";

export async function startFeedServer(): Promise<FeedServer> {
  const feeds = new Map<string, ServedFeed>();
  const requests: FeedServer["requests"] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? "/";
    const f = feeds.get(path);
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    const answer = (status: number, headers: Record<string, string> = {}, body = "") => {
      requests.push({ path, ifNoneMatch, ifModifiedSince, status });
      res.writeHead(status, headers).end(body);
    };
    if (!f) return answer(404, {}, "not found");
    if (f.status) return answer(f.status, { "content-type": "text/plain" }, "Internal Server Error");
    const etag = `"${createHash("sha1").update(f.body).digest("hex").slice(0, 16)}"`;
    if (f.validators && ifNoneMatch === etag) return answer(304, { etag });
    const headers: Record<string, string> = { "content-type": f.type ?? "application/rss+xml; charset=utf-8" };
    if (f.validators) Object.assign(headers, { etag, "last-modified": LAST_MODIFIED });
    answer(200, headers, f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    feeds,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An RSS 2.0 feed shaped like a news site's (channel, items with guid, pubDate, description, CDATA). */
export function rss(items: Array<{ guid: string; title: string; link: string; date: string; description?: string }>): string {
  const entries = items
    .map(
      (i) => `    <item>
      <title><![CDATA[${i.title}]]></title>
      <link>${i.link}</link>
      <guid isPermaLink="false">${i.guid}</guid>
      <pubDate>${new Date(i.date).toUTCString()}</pubDate>
      <description><![CDATA[<p>${i.description ?? ""}</p>]]></description>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Regional news</title>
    <link>https://news.example.org/</link>
    <description>News from the region</description>
    <language>ru</language>
    <atom:link href="https://news.example.org/rss" rel="self" type="application/rss+xml"/>
${entries}
  </channel>
</rss>`;
}

/** An Atom feed shaped like a rights group's (entries with id, updated, summary, alternate link). */
export function atom(entries: Array<{ id: string; title: string; link: string; date: string; summary?: string }>): string {
  const body = entries
    .map(
      (e) => `  <entry>
    <id>${e.id}</id>
    <title type="html">${e.title}</title>
    <link rel="alternate" type="text/html" href="${e.link}"/>
    <published>${e.date}</published>
    <updated>${e.date}</updated>
    <summary type="html">${e.summary ?? ""}</summary>
    <author><name>Press office</name></author>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>Rights group: news</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-01-21T10:00:00Z</updated>
  <link rel="self" href="https://rights.example.org/feed.atom"/>
${body}
</feed>`;
}

import type { ContentStore } from "../../case/content/store.js";
import type { ClaimedDelivery } from "../../db/deliveries.js";
import type { Hearing, UpdateRow } from "../../db/schema.js";
import type { I18n } from "../../i18n.js";
import { renderHearingChanged, renderReminder, renderRetraction, renderUpdate, type Notice, type NoticeContext } from "../../render/notices.js";
import { otherScript, transliterateRendered } from "../../render/script.js";
import type { Lang } from "../../shared/lang.js";
import type { Clock } from "../../shared/time.js";

const MAX_UPDATES = 256;

export interface SubjectsOptions {
  hearings: { all(): Promise<Hearing[]> };
  updates: { many(ids: readonly number[]): Promise<UpdateRow[]> };
  i18n: I18n;
  content: Pick<ContentStore, "current">;
  clock: Clock;
  timeZone: string;
  botUsername: string;
  publicUrl?: string;
}

/** An update's copy, or its edit or deletion later (delivery/edits.ts). */
const isAboutUpdate = (r: ClaimedDelivery) => r.kind === "update" || r.kind === "update_edit" || r.kind === "update_delete";

/**
 * What claimed rows are about, and their messages. Hearings (a small table) and the updates a
 * batch names are read once per claim; a message is rendered once per subject, version, language,
 * Kazakh script (and change) within a claim, since a broadcast sends the same text to many chats.
 */
export class Subjects {
  private hearingById = new Map<string, Hearing>();
  private updateById = new Map<string, UpdateRow>();
  private renderCache = new Map<string, Notice>();

  constructor(private readonly o: SubjectsOptions) {}

  /** Reads what these rows name (hearings only if some row is about one), and forgets old renders. */
  async load(rows: readonly ClaimedDelivery[]): Promise<void> {
    if (rows.some((r) => !isAboutUpdate(r))) {
      this.hearingById = new Map((await this.o.hearings.all()).map((h) => [h.id, h]));
    }
    const ids = [...new Set(rows.filter(isAboutUpdate).map((r) => Number(r.subjectId)))].filter(
      (id) => Number.isFinite(id) && !this.updateById.has(String(id)),
    );
    if (ids.length) {
      // Added to, never replaced: rows of earlier claims still queued (waiting for their chat,
      // sent again after a 429) name updates this claim does not. Updates are few; the cap only
      // keeps a long-running sender bounded.
      if (this.updateById.size + ids.length > MAX_UPDATES) this.updateById.clear();
      for (const u of await this.o.updates.many(ids)) this.updateById.set(String(u.id), u);
    }
    this.renderCache = new Map();
  }

  /** The row's message in its chat's language (Kazakh in the chat's script), or why none is sent. */
  render(row: ClaimedDelivery): Notice {
    const lang: Lang = row.lang ?? "en";
    const script = lang === "kk" ? otherScript(row.kkScript) : undefined;
    const key = `${row.kind}|${row.subjectId}|${row.subjectVersion}|${lang}|${script ?? ""}|${row.kind === "hearing_changed" ? JSON.stringify(row.payload) : ""}`;
    const hit = this.renderCache.get(key);
    if (hit) return hit;
    const ctx: NoticeContext = {
      i18n: this.o.i18n,
      snapshot: this.o.content.current(),
      timeZone: this.o.timeZone,
      botUsername: this.o.botUsername,
      now: this.o.clock.now(),
      publicUrl: this.o.publicUrl,
    };
    const r =
      row.kind === "reminder"
        ? renderReminder(ctx, row, this.hearingById.get(row.subjectId), lang)
        : row.kind === "hearing_changed"
          ? renderHearingChanged(ctx, row, this.hearingById.get(row.subjectId), lang)
          : row.kind === "update_delete"
            ? renderRetraction(ctx, this.updateById.get(row.subjectId), lang)
            : renderUpdate(ctx, this.updateById.get(row.subjectId), lang);
    const out = script && "html" in r ? transliterateRendered(r, script) : r;
    this.renderCache.set(key, out);
    return out;
  }
}

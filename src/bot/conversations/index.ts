import { conversations, createConversation } from "@grammyjs/conversations";
import { type Composer, type Api, type Context } from "grammy";
import type { BotContext, BotDeps } from "../context.js";
import { CANCEL_DATA } from "../callback-data.js";
import { isStaff } from "../filters/roles.js";
import { ADD_PARAPHRASE, addParaphraseConversation } from "./add-paraphrase.js";
import { throughBotApi } from "./api.js";
import { EDIT_ANSWER, editAnswerConversation } from "./edit-answer.js";
import { ADD_HEARING, addHearingConversation } from "./hearing-add.js";
import { CHANGE_HEARING, changeHearingConversation } from "./hearing-change.js";
import { CORRECT_UPDATE, fixUpdateConversation, RETRACT_UPDATE, TRANSLATE_UPDATE } from "./fix-update.js";
import { newsButtons } from "./news.js";
import { REVIEW_REJECT, rejectConversation, reviewButtons } from "./review.js";
import { PUBLISH_UPDATE, publishUpdateConversation } from "./publish-update.js";
import { type EditorContext } from "./steps.js";
import { conversationStorage } from "./storage.js";
import { LeanComposer } from "../composer.js";

/** Commands that start an editor conversation, and the conversation each enters. */
export const CONVERSATION_COMMANDS = {
  edit_answer: EDIT_ANSWER,
  add_paraphrase: ADD_PARAPHRASE,
  add_hearing: ADD_HEARING,
  change_hearing: CHANGE_HEARING,
  publish_update: PUBLISH_UPDATE,
  correct_update: CORRECT_UPDATE,
  translate_update: TRANSLATE_UPDATE,
  retract_update: RETRACT_UPDATE,
} as const;

/** An editor who walks away mid-conversation is not held in it forever: the next message after this is theirs again. */
const MAX_WAIT_MS = 6 * 3_600_000;

/**
 * The editors' conversations, for owners and editors in a private chat only: nobody else's
 * updates read or write conversation state. State lives in Postgres (kv_state), so a restart or
 * another instance resumes at the same step.
 */
export function editorConversations(deps: BotDeps, botApi: Api): Composer<BotContext> {
  const staff = new LeanComposer<EditorContext>();
  staff.use(
    conversations<EditorContext, Context>({
      storage: conversationStorage<EditorContext>(deps.kv, deps.clock),
      plugins: [throughBotApi(botApi)],
    }),
  );

  // Before the conversations, so that leaving always works whatever step one is waiting in.
  staff.command("cancel", async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.reply(ctx.t(active ? "conv.cancelled" : "conv.nothing_to_cancel"));
  });
  staff.callbackQuery(CANCEL_DATA, async (ctx) => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    await ctx.answerCallbackQuery();
    await ctx.reply(ctx.t(active ? "conv.cancelled" : "conv.nothing_to_cancel"));
  });

  staff.use(createConversation(editAnswerConversation(deps), { id: EDIT_ANSWER, maxMillisecondsToWait: MAX_WAIT_MS }));
  staff.use(createConversation(addParaphraseConversation(deps), { id: ADD_PARAPHRASE, maxMillisecondsToWait: MAX_WAIT_MS }));
  staff.use(createConversation(addHearingConversation(deps), { id: ADD_HEARING, maxMillisecondsToWait: MAX_WAIT_MS }));
  staff.use(createConversation(changeHearingConversation(deps, botApi), { id: CHANGE_HEARING, maxMillisecondsToWait: MAX_WAIT_MS }));
  staff.use(createConversation(publishUpdateConversation(deps, botApi), { id: PUBLISH_UPDATE, maxMillisecondsToWait: MAX_WAIT_MS }));

  for (const [id, mode] of [[CORRECT_UPDATE, "correct"], [TRANSLATE_UPDATE, "translate"], [RETRACT_UPDATE, "retract"]] as const) {
    staff.use(createConversation(fixUpdateConversation(deps, botApi, mode), { id, maxMillisecondsToWait: MAX_WAIT_MS }));
  }
  staff.use(createConversation(rejectConversation(deps, botApi), { id: REVIEW_REJECT, maxMillisecondsToWait: MAX_WAIT_MS }));
  newsButtons(staff, deps);
  reviewButtons(staff, deps, botApi);

  for (const [command, id] of Object.entries(CONVERSATION_COMMANDS)) {
    staff.command(command, async (ctx) => {
      // A new editing command replaces whatever conversation was open.
      await ctx.conversation.exitAll();
      await ctx.conversation.enter(id);
    });
  }

  const c = new LeanComposer<BotContext>();
  // conversations() puts ctx.conversation on the context before anything in `staff` runs.
  c.chatType("private").filter(isStaff).use(staff as unknown as Composer<BotContext>);
  return c;
}

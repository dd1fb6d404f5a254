import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import { InlineKeyboard, type Context } from "grammy";
import type { TFunction } from "../../i18n.js";
import { CANCEL_DATA, CV } from "../callback-data.js";
import type { BotContext } from "../context.js";

/** The context outside conversations (it can enter them) and the one they run on. */
export type EditorContext = ConversationFlavor<BotContext>;
export type EditorConversation = Conversation<EditorContext, Context>;

const FORGET = /^\/forget(@\w+)?(\s|$)/;

export type Input = { ctx: Context; choice: string; text?: undefined } | { ctx: Context; text: string; choice?: undefined };

/**
 * The editor's next answer: one of this conversation's buttons, or a text. Commands and other
 * buttons are not answers: they go on to the rest of the bot, and the conversation keeps waiting.
 */
export async function nextInput(conversation: EditorConversation, t: TFunction): Promise<Input> {
  for (;;) {
    const ctx = await conversation.wait();
    const data = ctx.callbackQuery?.data;
    if (data !== undefined) {
      if (!data.startsWith(CV)) await conversation.skip({ next: true });
      await ctx.answerCallbackQuery();
      return { ctx, choice: data.slice(CV.length) };
    }
    const text = ctx.message?.text;
    if (text !== undefined) {
      // /forget deletes this chat's state: leave, or the plugin would write this conversation back afterwards.
      if (FORGET.test(text)) await conversation.halt({ next: true });
      if (text.startsWith("/")) await conversation.skip({ next: true });
      return { ctx, text };
    }
    if (!ctx.message) await conversation.skip({ next: true });
    await ctx.reply(t("conv.text_expected"));
  }
}

/** Asks with buttons until one of them is pressed; `accept` maps a button's data to its value. */
export async function choose<T>(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompt: string,
  keyboard: InlineKeyboard,
  accept: (choice: string) => T | undefined,
): Promise<T> {
  await ctx.reply(prompt, { parse_mode: "HTML", reply_markup: keyboard.row().text(t("conv.cancel_button"), CANCEL_DATA) });
  for (;;) {
    const input = await nextInput(conversation, t);
    const value = input.choice === undefined ? undefined : accept(input.choice);
    if (value !== undefined) return value;
    await input.ctx.reply(t(input.text !== undefined ? "conv.use_buttons" : "conv.old_button"));
  }
}

/** Asks for a text until `check` accepts it; `check` returns the reason (a translated line) when it does not. */
export async function askText(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompt: string,
  check: (text: string) => string | undefined,
): Promise<string> {
  await ctx.reply(prompt, { parse_mode: "HTML", reply_markup: new InlineKeyboard().text(t("conv.cancel_button"), CANCEL_DATA) });
  for (;;) {
    const input = await nextInput(conversation, t);
    if (input.text === undefined) {
      await input.ctx.reply(t("conv.send_text"));
      continue;
    }
    const text = input.text.trim();
    const problem = check(text);
    if (!problem) return text;
    await input.ctx.reply(problem, { parse_mode: "HTML" });
  }
}

export type Decision = "save" | "again";

/** Save, write again, or cancel: the last step of every editor conversation. */
export async function confirm(conversation: EditorConversation, ctx: Context, t: TFunction, question: string): Promise<Decision> {
  const keyboard = new InlineKeyboard().text(t("conv.save_button"), `${CV}save`).text(t("conv.again_button"), `${CV}again`);
  return choose(conversation, ctx, t, question, keyboard, (c) => (c === "save" || c === "again" ? c : undefined));
}

/**
 * Asks for a text, with buttons that answer instead of one ("time not announced", "skip",
 * "same as before"): a button `accept` maps is returned as `choice`, a text `check` accepts as `text`.
 */
export async function askTextOrChoose<T>(
  conversation: EditorConversation,
  ctx: Context,
  t: TFunction,
  prompt: string,
  keyboard: InlineKeyboard,
  accept: (choice: string) => T | undefined,
  check: (text: string) => string | undefined,
): Promise<{ text: string; choice?: undefined } | { choice: T; text?: undefined }> {
  await ctx.reply(prompt, { parse_mode: "HTML", reply_markup: keyboard.row().text(t("conv.cancel_button"), CANCEL_DATA) });
  for (;;) {
    const input = await nextInput(conversation, t);
    if (input.choice !== undefined) {
      const value = accept(input.choice);
      if (value !== undefined) return { choice: value };
      await input.ctx.reply(t("conv.old_button"));
      continue;
    }
    const text = input.text.trim();
    const problem = check(text);
    if (!problem) return { text };
    await input.ctx.reply(problem, { parse_mode: "HTML" });
  }
}

import { Api, GrammyError, type Context, type MiddlewareFn, type RawApi, type Transformer } from "grammy";

const NO_PAYLOAD = new Set([
  "getMe",
  "getWebhookInfo",
  "getForumTopicIconStickers",
  "getAvailableGifts",
  "logOut",
  "close",
  "getMyStarBalance",
  "removeMyProfilePhoto",
]);

/**
 * Conversations make a fresh `Api` for each context they build, with none of the transformers
 * installed on the bot's own (auto-retry, the terminal chat, the tests' recorder…). This plugin
 * gives each of those contexts an `Api` whose calls go out through the bot's `api` instead,
 * beneath the plugin's replay recorder: a replayed call is still answered from the log and never
 * sent twice.
 */
export function throughBotApi(botApi: Api): MiddlewareFn<Context> {
  const send: Transformer<RawApi> = async (_prev, method, payload, signal) => {
    try {
      const call = botApi.raw[method] as (...args: unknown[]) => Promise<unknown>;
      // grammY binds an empty payload to the methods that take none: pass them the signal alone.
      const result = await (NO_PAYLOAD.has(method) ? call(signal) : call(payload, signal));
      return { ok: true, result } as never;
    } catch (err) {
      // Hand Telegram's refusals back as responses, so the recorder stores them like any other.
      if (err instanceof GrammyError) {
        return { ok: false, error_code: err.error_code, description: err.description, parameters: err.parameters };
      }
      throw err;
    }
  };
  return async (ctx, next) => {
    const recorder = ctx.api.config.installedTransformers();
    const api = new Api(ctx.api.token, ctx.api.options);
    api.config.use(send, ...recorder);
    Object.defineProperty(ctx, "api", { value: api, writable: false, configurable: true });
    await next();
  };
}

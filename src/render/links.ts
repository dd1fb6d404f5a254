/** The deep link a forwarded message points to: opens the bot and starts subscribing. */
export function subscribeLink(botUsername: string): string {
  return `https://t.me/${botUsername}?start=subscribe`;
}

/** The payload of that link's /start. */
export const START_SUBSCRIBE = "subscribe";

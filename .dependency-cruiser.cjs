/**
 * The layers, top to bottom (docs/architecture.md):
 *   entry      src/main.ts, src/app.ts, src/modes, src/cli, src/server, src/web (the site: beside the server, below nothing but main)
 *   bot        src/bot                          grammY only: parse, call a service, render
 *   use cases  src/editorial, src/delivery, src/jobs
 *   domain     src/answers, src/case, src/render  pure, Telegram-agnostic
 *   db         src/db                           the only place with SQL
 *   shared     src/shared, src/config.ts, src/logger.ts, src/i18n.ts
 * An arrow points down or stays in its layer; it never points up and never closes a circle.
 */
const ENTRY = "^src/(main|app)\\.ts$|^src/(modes|cli|server|web)/";
const WEB = "^src/web/";
const BOT = "^src/bot/";
const USECASE = "^src/(editorial|delivery|jobs)/";
const DOMAIN = "^src/(answers|case|render)/";
const DB = "^src/db/";
const SHARED = "^src/shared/|^src/(config|logger|i18n)\\.ts$";

const forbidUp = (name, from, allowed, comment) => ({
  name,
  comment,
  severity: "error",
  from: { path: from },
  to: { path: "^src/", pathNot: allowed },
});

module.exports = {
  forbidden: [
    {
      name: "entry-points-are-the-top",
      comment: "Nothing imports main, app, a mode, a CLI or the server: they import everything else.",
      severity: "error",
      from: { path: "^src/", pathNot: ENTRY },
      to: { path: ENTRY },
    },
    { name: "no-circular", comment: "An import cycle: two modules that each need the other are one module, or a missing lower one.", severity: "error", from: {}, to: { circular: true } },
    forbidUp("shared-is-the-bottom", SHARED, SHARED, "shared/, config, logger and i18n import nothing else of the project."),
    forbidUp("db-imports-nothing-above", DB, `${DB}|${SHARED}`, "db/ is the bottom of the data path: it imports no layer above it."),
    forbidUp("domain-stays-below-use-cases", DOMAIN, `${DOMAIN}|${DB}|${SHARED}`, "answers/, case/ and render/ are pure: no use case, bot or entry point."),
    forbidUp("use-cases-stay-below-the-bot", USECASE, `${USECASE}|${DOMAIN}|${DB}|${SHARED}`, "editorial/, delivery/ and jobs/ never reach up into the bot or an entry point."),
    {
      name: "editorial-and-delivery-are-peers",
      comment: "editorial/ and delivery/ share what they need through db/ and case/, never each other.",
      severity: "error",
      from: { path: "^src/(editorial|delivery)/" },
      to: { path: "^src/(editorial|delivery)/", pathNot: "^src/$1/" },
    },
    forbidUp(
      "the-site-reads-the-record-not-the-bot",
      WEB,
      `${WEB}|${DOMAIN}|${DB}|${SHARED}`,
      "web/ renders from the store with render/ and case/, like the bot, but never imports the bot, a use case or another entry point.",
    ),
    forbidUp("bot-stays-below-entry", BOT, `${BOT}|${USECASE}|${DOMAIN}|${DB}|${SHARED}`, "bot/ never imports an entry point."),
    {
      name: "bot-reads-db-types-only",
      comment: "The bot calls services; it may name a repository's types, never run one itself (app.ts hands repositories in).",
      severity: "error",
      from: { path: BOT },
      to: { path: DB, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "no-sql-outside-db",
      comment: "SQL lives in db/: nothing else imports drizzle-orm or the schema's tables.",
      severity: "error",
      from: { path: "^src/", pathNot: DB },
      to: { path: "^node_modules/drizzle-orm|^node_modules/postgres/|^node_modules/@electric-sql/" },
    },
    {
      name: "no-schema-in-bot",
      comment: "bot/ never names db/schema, not even for a type: repositories export the row types they return.",
      severity: "error",
      from: { path: BOT },
      to: { path: "^src/db/schema(\\.ts$|/)" },
    },
    {
      name: "grammy-only-at-the-top",
      comment: "Only bot/ and the entry points (the site aside) know grammY; below them Telegram is a port (delivery/port.ts).",
      severity: "error",
      from: { path: `${WEB}|${USECASE}|${DOMAIN}|${DB}|${SHARED}` },
      to: { path: "^node_modules/(grammy|@grammyjs)/" },
    },
    {
      name: "no-orphans",
      comment: "A module nothing imports is dead (knip says the same of exports).",
      severity: "error",
      // src/answers/cross-terms.ts: data the matcher reads once the engine wires it (issue 16): wired by engine, then drop it here.
      from: { orphan: true, pathNot: "\\.d\\.ts$|^src/main\\.ts$|^src/cli/|^src/answers/cross-terms\\.ts$" },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], mainFields: ["module", "main", "types"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

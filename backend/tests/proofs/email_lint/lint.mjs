// doiuse-email (the caniemail.com data) on each page: stdin {"pages": [html...], "clients": ["gmail.*", ...]};
// stdout: [{errors: [...], warnings: [...]}] per page.
import { doIUseEmail } from "doiuse-email";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { pages, clients } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = pages.map((html) => {
  const out = doIUseEmail(html, { emailClients: clients });
  return { errors: out.errors ?? [], warnings: out.warnings ?? [] };
});
process.stdout.write(JSON.stringify(results));

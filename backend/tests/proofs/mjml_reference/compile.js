// Compiles MJML with the reference compiler (npm mjml).
// stdin: a JSON array of MJML sources; stdout: a JSON array of {html, errors}.
const mjml2html = require("mjml");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const results = [];
  for (const source of sources) {
    const out = await mjml2html(source, { validationLevel: "soft", keepComments: false });
    results.push({ html: out.html, errors: out.errors.map((e) => e.formattedMessage || String(e.message)) });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err) + "\n");
  process.exit(1);
});

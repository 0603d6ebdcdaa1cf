/**
 * Micro-benchmark for the per-message hot path: `npm run bench:headers`.
 * Not a vitest file on purpose: timings on shared CI machines are too noisy to assert on.
 * The corpus mimics a real mailbox: replies with long References, newsletters, encoded names,
 * Gmail sent mail, group syntax, 8-bit names.
 */
import { extractMessageFacts } from '../src-main/core/network/headers/index.js';

const references = Array.from({ length: 8 }, (_, i) => `<CAF${i}x2kLmN0pQrStUvWxYz${i}@mail.gmail.com>`).join('\r\n ');
const corpus = [
  `From: "Alice Example" <alice@example.com>\r\nTo: Bob Builder <bob@example.org>\r\nCc: carol@example.net, "Dave, D." <dave@example.net>\r\nDate: Tue, 9 Jan 2024 14:22:01 +0100\r\nMessage-ID: <CAF123abc456@mail.gmail.com>\r\nIn-Reply-To: <CAF7x2kLmN0pQrStUvWxYz7@mail.gmail.com>\r\nReferences: ${references}\r\n\r\n`,
  `From: News <news@shop.example>\r\nTo: bob@example.org\r\nDate: Wed, 10 Jan 2024 08:00:00 -0500\r\nMessage-ID: <1234.5678@shop.example>\r\nList-Unsubscribe: <mailto:unsub@shop.example>, <https://shop.example/u/abc>\r\nList-Id: Shop news <news.shop.example>\r\nPrecedence: bulk\r\n\r\n`,
  `From: =?UTF-8?B?Sm9zw6kgR2FyY8OtYQ==?= <jose@example.es>\r\nTo: bob@example.org\r\nDate: Thu, 11 Jan 2024 09:15:00 +0100 (CET)\r\nMessage-ID: <x@example.es>\r\n\r\n`,
  `From: Bob Builder <bob.builder@gmail.com>\r\nTo: Alice Example <alice@example.com>\r\nDate: Fri, 12 Jan 2024 10:00:00 +0000\r\nMessage-ID: <bob-1@mail.gmail.com>\r\nIn-Reply-To: <CAF123abc456@mail.gmail.com>\r\nReferences: ${references}\r\n <CAF123abc456@mail.gmail.com>\r\n\r\n`,
  `From: GitHub <notifications@github.com>\r\nTo: org/repo <repo@noreply.github.com>\r\nCc: Bob <bob@example.org>, Mention <mention@noreply.github.com>\r\nDate: Sat, 13 Jan 2024 10:00:00 +0000\r\nMessage-ID: <org/repo/pull/1@github.com>\r\nList-Id: org/repo <repo.org.github.com>\r\nList-Unsubscribe: <mailto:unsub+abc@reply.github.com>\r\n\r\n`,
  `From: Team Lead <lead@corp.example>\r\nTo: Team: a@corp.example, b@corp.example, bob@example.org;\r\nDate: Mon, 15 Jan 2024 11:11:11 -0800 (PST)\r\nMessage-ID: <team-42@corp.example>\r\n\r\n`,
  `From: J\u00fcrgen M\u00fcller <j@example.de>\r\nTo: bob@example.org\r\nCc: "M\u00fcller, Anna" <anna@example.de>\r\nDate: Tue, 16 Jan 2024 07:00:00 +0100\r\nMessage-ID: <j-7@example.de>\r\n\r\n`,
  `From: Mail Delivery Subsystem <MAILER-DAEMON@googlemail.com>\r\nTo: bob@example.org\r\nDate: Wed, 17 Jan 2024 07:00:00 +0000\r\nMessage-ID: <bounce-1@mx.google.com>\r\nAuto-Submitted: auto-replied\r\n\r\n`,
].map((block) => Buffer.from(block, 'utf8'));

const internalDate = new Date('2024-01-20T10:00:00Z');
const options = { internalDate, storeSubjects: false };
const messages = 400_000;
let best = 0;
for (let round = 0; round < 6; round++) {
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) extractMessageFacts(corpus[i % corpus.length]!, options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rate = Math.round(messages / seconds);
  best = Math.max(best, rate);
  console.log(`round ${round + 1}: ${rate.toLocaleString('en')} messages/s`);
}
console.log(`best: ${best.toLocaleString('en')} messages/s on one core`);

// Separators that split a local part into words: dots, hyphens, underscores, sub-address and VERP markers.
const SEP = '[.\\-_+=]';
const GAP = '[.\\-_]?';

/**
 * A word of the local part, delimited by separators, digits or the ends, that names a machine:
 *   no-reply family:   noreply, no-reply, no_reply, no.reply, noreplies, donotreply, do-not-reply,
 *                      dontreply, do-not-respond, no-response
 *   delivery system:   mailer-daemon, postmaster
 *   notifications:     notification, notifications
 *   bounces:           bounce, bounces (optionally followed by digits: VERP `bounces123`)
 * A word must stand alone, so `norman`, `noreen`, `nora.reply`, `arno.reply` or `bouncer-jane`
 * (a nickname) are people. `noreply` glued inside a longer word (`ebaynoreply`, `noreply2`) is
 * machine-made and matches too.
 */
const MACHINE_WORD = new RegExp(
  `(?:^|${SEP})(?:no${GAP}repl(?:y|ies)|do${GAP}not${GAP}reply|dont${GAP}reply|do${GAP}not${GAP}respond|no${GAP}response|` +
    `mailer${GAP}daemon|postmaster|notifications?|bounces?)(?=$|${SEP}|\\d)`,
);
const GLUED_NOREPLY = /noreply|donotreply/;

/**
 * True when the local part of a From address is noreply-like (DESIGN rule 3): mail from it is
 * automated, whoever it claims to come from. Takes the local part or a whole address.
 */
export function isNoreplyLocalPart(localOrAddress: string): boolean {
  const at = localOrAddress.lastIndexOf('@');
  const local = (at < 0 ? localOrAddress : localOrAddress.slice(0, at)).trim().toLowerCase();
  if (local === '') return false;
  return GLUED_NOREPLY.test(local) || MACHINE_WORD.test(local);
}

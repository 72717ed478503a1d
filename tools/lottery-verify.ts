/**
 * Standalone verifier for exported draw records (docs/lottery.md §Verifying a record).
 *
 *   npm run lottery:verify -- <record.json>
 *
 * Exit 0 and `OK <result digest>` when re-running the record reproduces it byte for byte;
 * exit 1 and the first difference when it does not; exit 2 when the file cannot be read or is not
 * a record that can be re-run (bad JSON, wrong shape, invalid input, unknown algorithm).
 */
import { readFileSync } from 'node:fs';
import { isLotteryError, parseDrawRecord, verifyDrawRecord } from '../libs/domain/src/lottery';

function main(argv: readonly string[]): number {
  const file = argv[0];
  if (!file || argv.length > 1) {
    process.stderr.write('usage: npm run lottery:verify -- <record.json>\n');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${(error as Error).message}\n`);
    return 2;
  }
  try {
    const result = verifyDrawRecord(parseDrawRecord(json));
    if (result.ok) {
      process.stdout.write(`OK ${result.digest}\n`);
      return 0;
    }
    const { path, expected, actual } = result.firstDifference;
    process.stdout.write(`DIFFERS at ${path}\n  re-run gives: ${expected}\n  record says:  ${actual}\n`);
    return 1;
  } catch (error) {
    if (!isLotteryError(error)) throw error;
    process.stderr.write(`invalid record ${file}: ${error.code}: ${error.message}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));

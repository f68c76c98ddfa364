import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { VindexError } from '../../errors.ts';
import { printJson } from '../output.ts';

function readRequest(input: string | undefined): unknown {
  let text: string;
  try {
    text = input ? readFileSync(input, 'utf8') : readFileSync(0, 'utf8');
  } catch {
    throw new VindexError('VDX_FILE_NOT_FOUND', `cannot read the request from ${input ?? 'standard input'}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new VindexError('VDX_STATS_REQUEST', `the request in ${input ?? 'standard input'} is not valid JSON: ${(e as Error).message}`);
  }
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .summary('run one statistical method on a JSON request')
    .description('The statistical engine as a JSON contract: one JSON request on stdin (or --input FILE), one JSON result on stdout.\nExit codes: 0 ok, 2 bad request (the message names the field), 1 data that admit no answer.')
    .argument('[method]', 'method name (see --list)')
    .option('--list', 'list the methods')
    .option('--input <file>', 'read the request from FILE instead of stdin')
    .helpOption(false)
    .option('-h, --help', 'show help for the command, or for METHOD')
    .action(async (name: string | undefined, opts: { list?: boolean; input?: string; help?: boolean }, cmd: Command) => {
      // Loaded on use: the methods pull in zod and the distribution libraries.
      const { describeMethod, findMethod, RequestError, runMethod } = await import('../../stats/contract/dispatch.ts');
      const { NumericalError } = await import('../../stats/contract/method.ts');
      const { STATS_METHODS } = await import('../../stats/contract/methods.ts');
      if (opts.list) {
        for (const m of STATS_METHODS) process.stdout.write(`${m.name.padEnd(22)} ${m.summary}\n`);
        return;
      }
      if (!name) {
        if (opts.help) {
          process.stdout.write(cmd.helpInformation());
          return;
        }
        throw new VindexError('VDX_USAGE', 'name a method, e.g. `vindex stats proportion`, or use --list');
      }
      const method = findMethod(name);
      if (!method) throw new VindexError('VDX_STATS_UNKNOWN_METHOD', `unknown method "${name}"; known: ${STATS_METHODS.map((m) => m.name).join(', ')}`);
      if (opts.help) {
        process.stdout.write(describeMethod(method));
        return;
      }
      const request = readRequest(opts.input);
      try {
        printJson(runMethod(method, request));
      } catch (e) {
        if (e instanceof RequestError) throw new VindexError('VDX_STATS_REQUEST', e.message, e.issues);
        if (e instanceof NumericalError) throw new VindexError('VDX_STATS_NUMERIC', e.message);
        throw e;
      }
    });
}

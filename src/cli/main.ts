import { Command, CommanderError } from 'commander';
import { VindexError } from '../errors.ts';
import { VERSION } from '../version.ts';
import { COMMANDS } from './commands/index.ts';
import { reportError } from './output.ts';

/** Builds the `vindex` program; each subcommand registers itself from cli/commands/. */
export function buildProgram(): Command {
  const program = new Command('vindex')
    .description('Vindex: a reproducible, privacy-preserving indicator on unidentified victims, from coded case metadata only (never imagery).')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });
  for (const register of COMMANDS) register(program);
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code: 0 ok, 1 failed checks, 2 bad input/usage, 3 environment. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return 2;
    }
    if (err instanceof VindexError) {
      reportError(err);
      return err.exitCode;
    }
    reportError(new VindexError('VDX_INTERNAL', err instanceof Error ? (err.stack ?? err.message) : String(err)));
    return 3;
  }
}

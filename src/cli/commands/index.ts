import type { Command } from 'commander';
import { registerAudit } from './audit.ts';
import { registerCoding } from './coding.ts';
import { registerCodebook } from './codebook.ts';
import { registerDemo } from './demo.ts';
import { registerExport } from './export.ts';
import { registerImport } from './import.ts';
import { registerIndicators } from './indicators.ts';
import { registerInit } from './init.ts';
import { registerProfile } from './profile.ts';
import { registerRelease } from './release.ts';
import { registerReport } from './report.ts';
import { registerSample } from './sample.ts';
import { registerServe } from './serve.ts';
import { registerStats } from './stats.ts';
import { registerSynth } from './synth.ts';
import { registerUser } from './user.ts';

/** Every subcommand of `vindex`, in the order `--help` lists them. */
export const COMMANDS: ReadonlyArray<(program: Command) => void> = [registerDemo, registerInit, registerImport, registerExport, registerProfile, registerReport, registerIndicators, registerRelease, registerSample, registerCoding, registerCodebook, registerStats, registerSynth, registerAudit, registerServe, registerUser];

import { Option, type Command } from 'commander';
import { byOption, dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

const passwordFileOption = (): Option => new Option('--password-file <file>', 'read the password from this file (default: standard input; never an argument)');

export function registerUser(program: Command): void {
  const user = program.command('user').summary('manage the server\'s users (add, disable, reset, list)').description(
    'Users of `vindex serve`: one role each (admin, coordinator, coder, analyst, output-checker, reader). Passwords are read from\n' +
      'standard input or --password-file (at least 12 characters) and stored as Argon2id hashes. Every change is audited with --by / $VINDEX_USER as actor.',
  );
  user
    .command('add <name>')
    .summary('add a user with a role')
    .addOption(new Option('--role <role>', 'the user\'s role').choices(['admin', 'coordinator', 'coder', 'analyst', 'output-checker', 'reader']).makeOptionMandatory())
    .addOption(passwordFileOption())
    .addOption(byOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (name: string, opts: { role: string; passwordFile?: string; by?: string; db?: string; json?: boolean }) => {
      const [{ createUser, readPassword }, { resolveActor }] = await Promise.all([import('../../users/index.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const password = await readPassword(opts.passwordFile);
      const info = await withStore(opts.db, (store) => createUser(store, { name, role: opts.role, password, actor }));
      if (opts.json) printJson(info);
      else process.stdout.write(`Added user ${info.name} (${info.role})\n`);
    });
  user
    .command('disable <name>')
    .summary('disable a user (ends their sessions; users are never deleted)')
    .addOption(byOption())
    .addOption(dbOption())
    .action(async (name: string, opts: { by?: string; db?: string }) => {
      const [{ disableUser }, { resolveActor }] = await Promise.all([import('../../users/index.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      await withStore(opts.db, (store) => disableUser(store, name, actor));
      process.stdout.write(`Disabled user ${name}\n`);
    });
  user
    .command('reset <name>')
    .summary('set a new password (lifts a lock-out, re-enables, ends sessions)')
    .addOption(passwordFileOption())
    .addOption(byOption())
    .addOption(dbOption())
    .action(async (name: string, opts: { passwordFile?: string; by?: string; db?: string }) => {
      const [{ resetPassword, readPassword }, { resolveActor }] = await Promise.all([import('../../users/index.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const password = await readPassword(opts.passwordFile);
      await withStore(opts.db, (store) => resetPassword(store, { name, password, actor }));
      process.stdout.write(`Reset the password of ${name}\n`);
    });
  user
    .command('list')
    .summary('list the users with role and state')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { listUsers } = await import('../../users/index.ts');
      const users = await withStore(opts.db, (store) => listUsers(store));
      if (opts.json) return printJson(users);
      if (users.length === 0) return void process.stdout.write('no users yet (vindex user add NAME --role ROLE)\n');
      for (const u of users) {
        const state = u.disabled ? 'disabled' : u.lockedUntil ? `locked until ${u.lockedUntil}` : 'active';
        process.stdout.write(`${u.name.padEnd(20)} ${u.role.padEnd(15)} ${state.padEnd(12)} last sign-in ${u.lastLoginAt ?? 'never'}\n`);
      }
    });
}

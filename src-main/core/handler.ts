import type { CommandName, CommandParsedArgs, CommandResult } from '../../src-shared/api/index.js';
import type { AppContext } from './app-context.js';

export type Handler<K extends CommandName> = (args: CommandParsedArgs<K>, context: AppContext) => Promise<CommandResult<K>> | CommandResult<K>;

/** A feature's slice of the command table: one handler per command it owns. */
export type HandlerTable<Spec> = { [K in keyof Spec & CommandName]: Handler<K> };

/** IPC channel names shared by the main process and the preload. */
export const IPC_INVOKE = 'rapport:invoke';
export const IPC_EVENT = 'rapport:event';

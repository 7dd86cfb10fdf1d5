export * from './platform-and-team';
export * from './team-functions-stack';

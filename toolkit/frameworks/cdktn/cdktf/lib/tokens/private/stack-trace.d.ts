export * from 'cdktn/lib/tokens/private/stack-trace';

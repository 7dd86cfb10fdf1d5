export * from 'cdktn/lib/synthesize/synthesizer';

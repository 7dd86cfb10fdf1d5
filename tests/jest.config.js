module.exports = { ...require('../jest.preset.js')(__dirname), testMatch: ['<rootDir>/*.test.ts'] };

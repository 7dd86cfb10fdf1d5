// stacks' creation-stacks.ts switches token creation stacks off through this module
// (cdktf/lib/tokens/private/stack-trace); it patches cdktn's own exports object, which this is.
module.exports = require('cdktn/lib/tokens/private/stack-trace');

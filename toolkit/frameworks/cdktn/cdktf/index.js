// The cdktn build resolves `cdktf` here: the very module object of cdktn, not a copy, so a construct made by the
// sources and one made by @cdktn/provider-aws belong to the same framework (same classes, same token registry).
module.exports = require('cdktn');

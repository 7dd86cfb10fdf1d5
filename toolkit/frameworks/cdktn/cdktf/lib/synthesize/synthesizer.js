// packages/lambda's CodeArchive writes its zip through this hook (cdktf/lib/synthesize/synthesizer).
module.exports = require('cdktn/lib/synthesize/synthesizer');

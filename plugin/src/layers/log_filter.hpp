// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// OpenCV 4.6's ONNX importer warns on stderr, once per node, that domain 'aecv' has no dispatch
// map, although the custom layers registered for it then load every node. The filter drops
// exactly those lines from std::cerr and passes everything else through unchanged.
#pragma once

namespace aecv::layers {

void installDomainWarningFilter();  // idempotent
void removeDomainWarningFilter();   // restores std::cerr's buffer if ours is still installed

}  // namespace aecv::layers

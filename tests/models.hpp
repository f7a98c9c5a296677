// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Small models with seeded random weights, built node by node, for the model and layer tests.
#pragma once

#include <filesystem>
#include <string>

#include <aecv/aecv.hpp>

#include "model/model.hpp"

namespace aecv::test {

// Registers aecv's layers for the lifetime of the object.
struct RegisteredLayers {
    RegisteredLayers() { aecv::registerLayers(); }
    ~RegisteredLayers() { aecv::unregisterLayers(); }
    RegisteredLayers(const RegisteredLayers&) = delete;
    RegisteredLayers& operator=(const RegisteredLayers&) = delete;
};

// A fresh directory under the system's temporary directory, removed with the object.
struct TempDir {
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    std::string file(const std::string& name) const { return (path / name).string(); }
    std::filesystem::path path;
};

// Dense 64-32-8-32-64 (SELU, identity code, ReLU, sigmoid); outputs "recon", "code".
model::Model denseAutoencoder();
// Conv AE on [1, 3, H, W] (H, W multiples of 8): conv, max-pool, stride-2 conv, transposed conv,
// bilinear upsample, residual add, conv; outputs "recon", "code".
model::Model convAutoencoder();
// VAE decoder: code [1, 4] -> dense -> reshape [8, 4, 4] -> two stride-2 transposed convs -> [1, 1, 16, 16].
model::Model vaeDecoder();
// Dense VAE 64 -> (mean 4, log-variance 4) -> sample -> 64; outputs "recon", "mean".
model::Model denseVae();

// A straight chain on [1, 3, H, W] (H, W multiples of 4): conv, stride-2 conv, pool, transposed
// conv, tanh, nearest upsample, conv; output "recon". Every layer has one consumer.
model::Model chainModel();

// Memory an executor may not reuse, on [1, 3, H, W]: a = relu(conv), b = conv, s = a + b,
// t = relu(s) + a (a is read again after the first Add); x = (a view of the image) + conv(t),
// then recon = x + conv(image) (the image is read again after x); rest = tanh of t's channels
// 3..7 (a view written in place). Outputs "recon" (3 channels) and "rest" (5).
model::Model reuseHazards();

}  // namespace aecv::test

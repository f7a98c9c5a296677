// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Writes one of the tests' models (random weights, seeded): for the find_package consumer test
// and for trying aecv-model by hand.
#include <cstdio>
#include <cstring>

#include "models.hpp"

int main(int argc, char** argv) {
    using namespace aecv;
    const struct {
        const char* name;
        model::Model (*make)();
    } kModels[] = {{"dense", test::denseAutoencoder}, {"conv", test::convAutoencoder},
                   {"chain", test::chainModel},      {"vae", test::denseVae}};
    if (argc == 3) {
        for (const auto& m : kModels) {
            if (std::strcmp(argv[1], m.name) != 0) continue;
            test::RegisteredLayers registered;
            model::writeOnnx(m.make(), argv[2]);
            return 0;
        }
    }
    std::fprintf(stderr, "usage: write_test_model dense|conv|chain|vae OUT.onnx\n");
    return 2;
}

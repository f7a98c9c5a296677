// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "models.hpp"

#include <unistd.h>

#include "support.hpp"

namespace aecv::test {

using model::Node;
using Ints = std::vector<int64_t>;

TempDir::TempDir()
    : path(std::filesystem::temp_directory_path() / ("aecv_tests_" + std::to_string(::getpid()) + "_" +
                                                     std::to_string(reinterpret_cast<uintptr_t>(this)))) {
    std::filesystem::create_directories(path);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
}

namespace {

uint64_t nextSeed = 1000;

// Weights uniform in +-sqrt(3 / fanIn) (unit-variance outputs), bias small.
std::vector<cv::Mat> weights(const ops::Shape& w, int outputs, int fanIn) {
    const float limit = std::sqrt(3.f / static_cast<float>(fanIn));
    return {randomTensor(w, nextSeed++, -limit, limit), randomTensor({1, outputs}, nextSeed++, -0.1f, 0.1f)};
}

Node dense(const std::string& name, const std::string& in, const std::string& out, int inF, int outF,
           const std::string& act) {
    return {"Dense", name, {in}, out, {{"activation", act}}, weights({outF, inF}, outF, inF)};
}

Node conv(const std::string& name, const std::string& in, const std::string& out, int inC, int outC, int k,
          int stride, int pad, const std::string& act) {
    return {"Conv", name, {in}, out,
            {{"activation", act}, {"stride", Ints{stride, stride}}, {"padding", Ints{pad, pad, pad, pad}}},
            weights({outC, inC, k, k}, outC, inC * k * k)};
}

Node deconv(const std::string& name, const std::string& in, const std::string& out, int inC, int outC, int k,
            int stride, int pad, int outPad, const std::string& act) {
    return {"ConvTranspose", name, {in}, out,
            {{"activation", act}, {"stride", Ints{stride, stride}}, {"padding", Ints{pad, pad, pad, pad}},
             {"output_padding", Ints{outPad, outPad}}},
            weights({inC, outC, k, k}, outC, inC * k * k / (stride * stride))};
}

}  // namespace

model::Model denseAutoencoder() {
    model::Model m;
    m.inputShape = {1, 64};
    m.nodes = {dense("enc1", "input", "h1", 64, 32, "selu"), dense("code", "h1", "code", 32, 8, "identity"),
               dense("dec1", "code", "h2", 8, 32, "relu"), dense("recon", "h2", "recon", 32, 64, "sigmoid")};
    m.outputs = {"recon", "code"};
    m.metadata = {{"task", "autoencoder"}, {"code", "code"}};
    return m;
}

model::Model convAutoencoder() {
    model::Model m;
    m.inputShape = {1, 3, 16, 16};
    m.nodes = {
        conv("conv1", "input", "c1", 3, 8, 3, 1, 1, "relu"),
        {"MaxPool", "pool", {"c1"}, "p1", {{"kernel", Ints{2, 2}}}, {}},
        conv("code", "p1", "code", 8, 16, 3, 2, 1, "elu"),
        deconv("up1", "code", "u1", 16, 8, 4, 2, 1, 0, "leaky_relu"),
        {"Upsample", "up2", {"u1"}, "u2", {{"scale", Ints{2, 2}}, {"mode", std::string("bilinear")}}, {}},
        {"Add", "skip", {"u2", "c1"}, "s", {}, {}},
        conv("recon", "s", "recon", 8, 3, 3, 1, 1, "sigmoid"),
    };
    m.outputs = {"recon", "code"};
    m.metadata = {{"task", "denoise"}, {"code", "code"}};
    return m;
}

model::Model chainModel() {
    model::Model m;
    m.inputShape = {1, 3, 32, 32};
    m.nodes = {
        conv("conv1", "input", "c1", 3, 16, 3, 1, 1, "relu"),
        conv("conv2", "c1", "c2", 16, 32, 3, 2, 1, "selu"),
        {"MaxPool", "pool", {"c2"}, "p", {{"kernel", Ints{2, 2}}}, {}},
        deconv("up1", "p", "u1", 32, 16, 4, 2, 1, 0, "relu"),
        {"Activation", "squash", {"u1"}, "a", {{"activation", std::string("tanh")}}, {}},
        {"Upsample", "up2", {"a"}, "u2", {{"scale", Ints{2, 2}}}, {}},
        conv("recon", "u2", "recon", 16, 3, 3, 1, 1, "sigmoid"),
    };
    m.outputs = {"recon"};
    m.metadata = {{"task", "denoise"}};
    return m;
}

model::Model reuseHazards() {
    model::Model m;
    m.inputShape = {1, 3, 16, 16};
    m.nodes = {
        conv("conv1", "input", "a", 3, 8, 3, 1, 1, "relu"),
        conv("conv2", "input", "b", 3, 8, 3, 1, 1, "identity"),
        {"Add", "sum1", {"a", "b"}, "s", {}, {}},
        {"Activation", "act", {"s"}, "r", {{"activation", std::string("relu")}}, {}},
        {"Add", "sum2", {"r", "a"}, "t", {}, {}},
        {"Slice", "image", {"input"}, "v", {{"start", int64_t{0}}, {"end", int64_t{3}}}, {}},
        conv("conv3", "t", "c", 8, 3, 3, 1, 1, "identity"),
        {"Add", "sum3", {"v", "c"}, "x", {}, {}},
        conv("conv4", "input", "d", 3, 3, 3, 1, 1, "identity"),
        {"Add", "sum4", {"x", "d"}, "recon", {}, {}},
        {"Slice", "others", {"t"}, "o", {{"start", int64_t{3}}, {"end", int64_t{8}}}, {}},
        {"Activation", "squash", {"o"}, "rest", {{"activation", std::string("tanh")}}, {}},
    };
    m.outputs = {"recon", "rest"};
    m.metadata = {{"task", "denoise"}};
    return m;
}

model::Model vaeDecoder() {
    model::Model m;
    m.input = "code";
    m.inputShape = {1, 4};
    m.nodes = {
        dense("fc1", "code", "f1", 4, 32, "selu"),
        dense("fc2", "f1", "f2", 32, 128, "relu"),
        {"Reshape", "unflatten", {"f2"}, "r", {{"shape", Ints{8, 4, 4}}}, {}},
        deconv("up1", "r", "u1", 8, 4, 3, 2, 1, 1, "tanh"),
        {"Upsample", "up2", {"u1"}, "u2", {{"scale", Ints{2, 2}}, {"mode", std::string("nearest")}}, {}},
        deconv("recon", "u2", "recon", 4, 1, 3, 1, 1, 0, "sigmoid"),
    };
    m.outputs = {"recon"};
    m.metadata = {{"task", "vae-decoder"}};
    return m;
}

model::Model denseVae() {
    model::Model m;
    m.inputShape = {1, 64};
    m.nodes = {
        dense("enc1", "input", "h1", 64, 32, "selu"),
        dense("mean", "h1", "mean", 32, 4, "identity"),
        dense("log_var", "h1", "log_var", 32, 4, "identity"),
        {"Sampling", "sample", {"mean", "log_var"}, "z", {{"seed", int64_t{7}}}, {}},
        dense("dec1", "z", "h2", 4, 32, "selu"),
        dense("recon", "h2", "recon", 32, 64, "sigmoid"),
    };
    m.outputs = {"recon", "mean"};
    m.metadata = {{"task", "vae"}, {"code", "mean"}};
    return m;
}

}  // namespace aecv::test

// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv-model, run as a user would.
#include <doctest/doctest.h>

#include <opencv2/dnn.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

test::CommandResult run(const std::string& args) { return test::runCommand(std::string(AECV_MODEL_TOOL) + " " + args); }

}  // namespace

TEST_CASE("aecv-model info prints shapes, parameters, FLOPs and metadata") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::convAutoencoder(), dir.file("conv.onnx"));
    }
    const test::CommandResult r = run("info " + dir.file("conv.onnx") + " --input 1,3,32,32");
    CAPTURE(r.out);
    CHECK(r.status == 0);
    // conv1 3->8 3x3: 216 + 8; code 8->16 3x3: 1152 + 16; up1 16->8 4x4: 2048 + 8; recon 8->3: 216 + 3
    CHECK(r.out.find("total: 3667 parameters") != std::string::npos);
    CHECK(r.out.find("code           Conv+elu             1x16x8x8") != std::string::npos);
    CHECK(r.out.find("task = denoise") != std::string::npos);
}

TEST_CASE("aecv-model export-standard writes a file stock OpenCV runs") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::denseVae(), dir.file("vae.onnx"));
    }
    const test::CommandResult r = run("export-standard " + dir.file("vae.onnx") + " " + dir.file("vae.std.onnx"));
    CHECK(r.status == 0);
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("vae.std.onnx"));
    stock.setInput(test::randomTensor({3, 64}, 1, 0.f, 1.f));
    CHECK(ops::shapeOf(stock.forward()) == ops::Shape{3, 64});
}

TEST_CASE("aecv-model create: the reference denoiser, seeded, equal to stock OpenCV on its standard export") {
    test::TempDir dir;
    const test::CommandResult r = run("create reference-denoiser " + dir.file("ref.onnx") + " --seed 7");
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    CHECK(r.out.find("(reference-denoiser, untrained, 6 nodes)") != std::string::npos);
    REQUIRE(run("create reference-denoiser " + dir.file("again.onnx") + " --seed 7").status == 0);
    REQUIRE(run("export-standard " + dir.file("ref.onnx") + " " + dir.file("ref.std.onnx")).status == 0);
    const cv::Mat x = test::randomTensor({1, 3, 48, 64}, 2, 0.f, 1.f);
    test::RegisteredLayers registered;
    cv::dnn::Net a = cv::dnn::readNetFromONNX(dir.file("ref.onnx")), b = cv::dnn::readNetFromONNX(dir.file("again.onnx"));
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("ref.std.onnx"));
    a.setInput(x);
    b.setInput(x);
    stock.setInput(x);
    const cv::Mat ya = a.forward(), yb = b.forward(), ys = stock.forward();
    CHECK(ops::shapeOf(ya) == ops::Shape{1, 3, 48, 64});  // 48x64 -> 12x16 -> 48x64, as in PyTorch
    CHECK(test::maxAbsDiff(ya, yb) == 0);                   // same seed, same model
    CHECK(test::maxAbsDiff(ya, ys) <= 1e-4);
}

TEST_CASE("aecv-model set-metadata sets and removes entries, keeps the weights, and rejects what is not KEY=VALUE") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        model::writeOnnx(test::convAutoencoder(), dir.file("conv.onnx"));
    }
    const test::CommandResult r =
        run("set-metadata " + dir.file("conv.onnx") + " " + dir.file("out.onnx") + " mask_ramp=0.3,0.7 task=");
    CAPTURE(r.out);
    REQUIRE(r.status == 0);
    test::RegisteredLayers registered;
    const model::Model before = model::readOnnx(dir.file("conv.onnx")), after = model::readOnnx(dir.file("out.onnx"));
    CHECK(after.metadata.at("mask_ramp") == "0.3,0.7");
    CHECK(after.metadata.count("task") == 0);  // an empty value removes the key
    CHECK(before.metadata.count("task") == 1);
    REQUIRE(after.nodes.size() == before.nodes.size());
    for (size_t i = 0; i < after.nodes.size(); ++i)
        for (size_t k = 0; k < after.nodes[i].weights.size(); ++k)
            CHECK(test::maxAbsDiff(after.nodes[i].weights[k], before.nodes[i].weights[k]) == 0);
    const test::CommandResult bad = run("set-metadata " + dir.file("conv.onnx") + " " + dir.file("bad.onnx") + " =3");
    CHECK(bad.status == 2);
    CHECK(bad.out == "error: set-metadata: '=3' is not KEY=VALUE (see aecv-model --help)\n");
    CHECK(run("set-metadata " + dir.file("conv.onnx") + " " + dir.file("bad.onnx")).status == 2);
}

TEST_CASE("aecv-model reports bad usage with exit 2 and failures with exit 1") {
    const test::CommandResult unknown = run("frobnicate x");
    CHECK(unknown.status == 2);
    CHECK(unknown.out.find("error: unknown command 'frobnicate'; expected info, export-standard, import-standard, create or "
                                   "set-metadata") !=
          std::string::npos);
    const test::CommandResult missing = run("info /nonexistent/model.onnx");
    CHECK(missing.status == 1);
    CHECK(missing.out == "error: cannot open model file '/nonexistent/model.onnx': No such file or directory\n");
    for (const char* shape : {"1,3,-1,5", "1,3,0,5", "1,3,4x,5"}) {
        const test::CommandResult bad =
            run(std::string("info " AECV_SOURCE_DIR "/samples/models/denoise.onnx --input ") + shape);
        CAPTURE(bad.out);
        CHECK(bad.status == 2);
        CHECK(bad.out.find(std::string("error: --input '") + shape + "'") != std::string::npos);
    }
    // A negative seed used to wrap to 2^64 - 1.
    const test::CommandResult seed = run("create stacked /nonexistent/s.onnx --seed -1");
    CHECK(seed.status == 2);
    CHECK(seed.out.find("error: --seed is '-1'; expected a whole number from 0 to 18446744073709551615") !=
          std::string::npos);
    CHECK(run("info").status == 2);
}

TEST_CASE("aecv-train: --help lists every option with its default, bad usage exits 2") {
    const test::CommandResult help = test::runCommand(std::string(AECV_TRAIN_TOOL) + " --help");
    CHECK(help.status == 0);
    for (const char* option : {"--preset arg (=stacked)", "--epochs arg (=0)", "--batch arg (=0)", "--lr arg (=0)",
                               "--optimizer arg", "--seed arg (=42)", "--threads arg (=0)", "--out arg (=model.onnx)",
                               "--report arg", "--resume arg", "--early-stop arg (=0)", "--data arg"})
        CHECK_MESSAGE(help.out.find(option) != std::string::npos, option);
    const test::CommandResult bad = test::runCommand(std::string(AECV_TRAIN_TOOL) + " --bogus 3");
    CHECK(bad.status == 2);
    CHECK(bad.out == "error: unrecognised option '--bogus' (see aecv-train --help)\n");
    const test::CommandResult preset = test::runCommand(std::string(AECV_TRAIN_TOOL) + " --preset resnet");
    CHECK(preset.status == 2);
    CHECK(preset.out.find("error: unknown preset 'resnet'") == 0);
}

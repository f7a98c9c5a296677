// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// aecv ONNX files: round trip, requested intermediate outputs, bad files.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <thread>

#include <opencv2/dnn.hpp>

#include "model/atomic_file.hpp"
#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

std::string bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const std::string& path, const std::string& data) {
    std::ofstream(path, std::ios::binary) << data;
}

}  // namespace

TEST_CASE("write -> read -> write gives identical weights, metadata and bytes") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    model::Model m = test::convAutoencoder();
    m.metadata["recipe"] = "aecv-train --preset test";
    m.metadata["val_loss"] = "0.2671";
    model::writeOnnx(m, dir.file("a.onnx"));
    const model::Model back = model::readOnnx(dir.file("a.onnx"));
    model::writeOnnx(back, dir.file("b.onnx"));
    CHECK(bytes(dir.file("a.onnx")) == bytes(dir.file("b.onnx")));
    CHECK(back.metadata == m.metadata);
    CHECK(back.inputShape == m.inputShape);
    CHECK(back.outputs == m.outputs);
    REQUIRE(back.nodes.size() == m.nodes.size());
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        CAPTURE(m.nodes[i].name);
        CHECK(back.nodes[i].attrs == m.nodes[i].attrs);
        REQUIRE(back.nodes[i].weights.size() == m.nodes[i].weights.size());
        for (size_t k = 0; k < m.nodes[i].weights.size(); ++k)
            CHECK(test::maxAbsDiff(back.nodes[i].weights[k], m.nodes[i].weights[k]) == 0);
    }
    CHECK(test::temporariesOf(dir.file("a.onnx")).empty());
}

TEST_CASE("concurrent writers of one file each land whole, with no false failure and nothing left behind") {
    test::TempDir dir;
    const std::string path = dir.file("shared.bin");
    const std::string a(300000, 'a'), b(200000, 'b');
    std::atomic<int> failures{0};
    const auto writer = [&](const std::string& bytes) {
        for (int i = 0; i < 40; ++i) {
            try {
                model::writeFileAtomically(path, bytes);
            } catch (const cv::Exception&) {  // a shared temporary made the loser report "unchanged"
                ++failures;
            }
        }
    };
    std::thread first(writer, std::cref(a)), second(writer, std::cref(b));
    first.join();
    second.join();
    CHECK(failures == 0);
    const std::string last = bytes(path);
    CHECK((last == a || last == b));
    CHECK(test::temporariesOf(path).empty());
    // A folder that does not exist: named in the error, nothing created.
    const std::string nowhere = dir.file("none/x.onnx");
    CHECK(test::thrownMessage([&] { model::writeFileAtomically(nowhere, a); }) ==
          "cannot write '" + nowhere + "': No such file or directory; '" + nowhere + "' is unchanged");
}

TEST_CASE("requesting the code and the output together, before and after a plain forward") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    const model::Model m = test::convAutoencoder();
    model::writeOnnx(m, dir.file("conv.onnx"));
    model::writeStandardOnnx(m, dir.file("conv.std.onnx"));
    cv::dnn::Net net = cv::dnn::readNetFromONNX(dir.file("conv.onnx"));
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("conv.std.onnx"));
    const cv::Mat x = test::randomTensor({2, 3, 16, 24}, 5, 0.f, 1.f);
    stock.setInput(x);
    std::vector<cv::Mat> expected;
    stock.forward(expected, std::vector<cv::String>{"recon", "code"});

    std::vector<cv::Mat> both;
    net.setInput(x);
    net.forward(both, std::vector<cv::String>{"recon", "code"});
    CHECK(test::maxAbsDiff(both[0], expected[0]) <= 1e-4);
    CHECK(test::maxAbsDiff(both[1], expected[1]) <= 1e-4);

    net.setInput(x);
    const cv::Mat plain = net.forward();
    CHECK(test::maxAbsDiff(plain, expected[0]) <= 1e-4);
    net.setInput(x);
    const cv::Mat code = net.forward("code");
    CHECK(test::maxAbsDiff(code, expected[1]) <= 1e-4);
    net.setInput(x);
    net.forward(both, std::vector<cv::String>{"recon", "code"});
    CHECK(test::maxAbsDiff(both[0], expected[0]) <= 1e-4);
    CHECK(test::maxAbsDiff(both[1], expected[1]) <= 1e-4);
}

TEST_CASE("bad model files raise cv::Exception naming the node and the problem") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    const std::string good = dir.file("good.onnx");
    model::writeOnnx(test::denseAutoencoder(), good);

    SUBCASE("truncated file") {
        const std::string data = bytes(good);
        writeBytes(dir.file("cut.onnx"), data.substr(0, data.size() / 2));
        CHECK(test::thrownMessage([&] { model::readOnnx(dir.file("cut.onnx")); }).find(
                  "is not a valid ONNX file (truncated or corrupt)") != std::string::npos);
        CHECK(!test::thrownMessage([&] { cv::dnn::readNetFromONNX(dir.file("cut.onnx")); }).empty());
    }
    SUBCASE("wrong weight shape") {
        model::Model m = test::denseAutoencoder();
        m.nodes[1].weights[0] = test::randomTensor({8, 31}, 1);  // "code" expects [8, 32]
        const std::string message = test::thrownMessage([&] { model::writeOnnx(m, dir.file("w.onnx")); });
        CHECK(message.find("aecv.Dense node 'dec1'") == std::string::npos);
        CHECK(message.find("Dense input has shape [1, 32]; expected [N, 31]") != std::string::npos);
        CHECK(message.find("aecv.Dense node 'code'") != std::string::npos);
    }
    SUBCASE("wrong bias size") {
        model::Model m = test::denseAutoencoder();
        m.nodes[0].weights[1] = test::randomTensor({1, 31}, 1);
        CHECK(test::thrownMessage([&] { model::writeOnnx(m, dir.file("b.onnx")); }) ==
              "model 'aecv_autoencoder': aecv.Dense node 'enc1': bias has 31 values; expected 32");
    }
    SUBCASE("unknown aecv op") {
        model::Model m = test::denseAutoencoder();
        m.nodes[2].op = "Frobnicate";
        CHECK(test::thrownMessage([&] { model::writeOnnx(m, dir.file("u.onnx")); }) ==
              "model 'aecv_autoencoder': unknown aecv op 'Frobnicate'");
    }
    SUBCASE("missing attribute") {
        model::Model m = test::vaeDecoder();
        m.nodes[2].attrs.erase("shape");
        CHECK(test::thrownMessage([&] { model::writeOnnx(m, dir.file("a.onnx")); }) ==
              "model 'aecv_vae-decoder': aecv.Reshape node 'unflatten': missing attribute 'shape'");
    }
    SUBCASE("missing file") {
        CHECK(test::thrownMessage([&] { model::readOnnx(dir.file("nope.onnx")); }) ==
              "cannot open model file '" + dir.file("nope.onnx") + "': No such file or directory");
        CHECK(test::thrownMessage([&] { model::readOnnx(dir.path.string()); }) ==
              "cannot open model file '" + dir.path.string() + "': Is a directory");
    }
}

TEST_CASE("aecv::readNet loads a checked model from a file or from memory, and refuses bad bytes by name") {
    test::TempDir dir;
    {
        test::RegisteredLayers registered;
        const model::Model m = test::convAutoencoder();
        model::writeOnnx(m, dir.file("conv.onnx"));
        model::writeStandardOnnx(m, dir.file("conv.std.onnx"));
    }
    aecv::unregisterLayers();  // readNet registers them itself
    const cv::Mat x = test::randomTensor({1, 3, 16, 24}, 6, 0.f, 1.f);
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(dir.file("conv.std.onnx"));
    stock.setInput(x);
    const cv::Mat expected = stock.forward().clone();

    cv::dnn::Net fromFile = aecv::readNet(dir.file("conv.onnx"));
    fromFile.setInput(x);
    CHECK(test::maxAbsDiff(fromFile.forward(), expected) <= 1e-4);
    const std::string data = bytes(dir.file("conv.onnx"));
    cv::dnn::Net fromMemory = aecv::readNet(data.data(), data.size());
    fromMemory.setInput(x);
    CHECK(test::maxAbsDiff(fromMemory.forward(), expected) <= 1e-4);

    CHECK(test::thrownMessage([&] { aecv::readNet(data.data(), data.size() / 3); }) ==
          "'model in memory' is not a valid ONNX file (truncated or corrupt)");
    CHECK(test::thrownMessage([] { aecv::readNet(nullptr, 5); }) == "readNet: data is null but size is 5");
    CHECK(test::thrownMessage([&] { aecv::readNet(dir.file("conv.std.onnx")); }).find(
              "has domain ''; expected 'aecv' (convert standard ONNX files with aecv-model import-standard)") !=
          std::string::npos);
    aecv::unregisterLayers();
}

TEST_CASE("aecv::readNet runs a model with skip connections as one aecv.Graph layer, outputs named as the model's") {
    test::TempDir dir;
    const model::Model m = test::convAutoencoder();  // outputs recon, code; an Add skip
    model::writeOnnx(m, dir.file("conv.onnx"));
    cv::dnn::Net graph = aecv::readNet(dir.file("conv.onnx"));
    const std::vector<std::string> names = graph.getLayerNames();
    REQUIRE(std::find(names.begin(), names.end(), "aecv_graph") != names.end());
    CHECK(graph.getLayer(graph.getLayerId("aecv_graph"))->type == "aecv.Graph");
    CHECK(names.back() == "recon");  // forward() runs to the last layer: the main output

    cv::dnn::Net perNode = cv::dnn::readNetFromONNX(dir.file("conv.onnx"));  // one OpLayer per node
    for (const ops::Shape& shape : {ops::Shape{1, 3, 16, 24}, ops::Shape{2, 3, 32, 16}, ops::Shape{1, 3, 16, 24}}) {
        CAPTURE(ops::toString(shape));
        const cv::Mat x = test::randomTensor(shape, 7, 0.f, 1.f);
        graph.setInput(x);
        perNode.setInput(x);
        const cv::Mat recon = graph.forward().clone(), expected = perNode.forward().clone();
        CHECK(ops::shapeOf(recon) == ops::Shape{shape[0], 3, shape[2], shape[3]});
        CHECK(test::maxAbsDiff(recon, expected) <= 1e-5);
        const cv::Mat code = graph.forward("code").clone(), expectedCode = perNode.forward("code").clone();
        CHECK(ops::shapeOf(code) == ops::shapeOf(expectedCode));
        CHECK(test::maxAbsDiff(code, expectedCode) <= 1e-5);
    }
    // A model with a layer the sequence cannot run (Dense) keeps one layer per node.
    model::writeOnnx(test::denseVae(), dir.file("vae.onnx"));
    const std::vector<std::string> vae = aecv::readNet(dir.file("vae.onnx")).getLayerNames();
    CHECK(std::find(vae.begin(), vae.end(), "aecv_graph") == vae.end());
    aecv::unregisterLayers();
}

TEST_CASE("initializers are checked against their data before anything is allocated (fuzzer finding)") {
    // A weight whose dimensions claim ~6e13 elements in a 16 kB file: refused, nothing allocated.
    const std::string path = std::string(AECV_SOURCE_DIR) + "/tests/fuzz/regressions/model/huge-initializer-dims.onnx";
    CHECK(test::thrownMessage([&] { aecv::readNet(path); }) ==
          path + ": tensor 'code.weight' has more than 2147483647 elements");
    aecv::unregisterLayers();
}

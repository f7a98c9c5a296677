// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Standard ONNX -> aecv: the converted model computes what stock OpenCV computes on the original.
#include <doctest/doctest.h>

#include <onnx/onnx_pb.h>

#include <fstream>

#include <opencv2/dnn.hpp>

#include <aecv/autoencoder.hpp>

#include "models.hpp"
#include "support.hpp"

using namespace aecv;

namespace {

double importedVsStock(const std::string& standard, const std::string& converted, const ops::Shape& input) {
    model::writeOnnx(model::importStandardOnnx(standard), converted);
    cv::dnn::Net aecvNet = cv::dnn::readNetFromONNX(converted);
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(standard);
    const cv::Mat x = test::randomTensor(input, 21, 0.f, 1.f);
    aecvNet.setInput(x);
    stock.setInput(x);
    return test::maxAbsDiff(aecvNet.forward(), stock.forward());
}

// A standard model as another exporter writes it: MatMul, Gemm, Flatten, Identity,
// Dropout, a Constant node for Resize's scales, Reshape with a constant shape, separate activations.
void writeForeignModel(const std::string& path, bool withSoftmax) {
    onnx::ModelProto proto;
    proto.set_ir_version(onnx::IR_VERSION);
    proto.add_opset_import()->set_version(13);
    onnx::GraphProto& g = *proto.mutable_graph();
    g.set_name("foreign");
    auto input = g.add_input();
    input->set_name("x");
    input->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    for (int d : {1, 2, 4, 4}) input->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
    auto tensor = [&](const std::string& name, const ops::Shape& shape, uint64_t seed) {
        const cv::Mat m = test::randomTensor(shape, seed, -0.5f, 0.5f);
        onnx::TensorProto* t = g.add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (int d : shape) t->add_dims(d);
        t->set_raw_data(m.data, m.total() * sizeof(float));
    };
    auto node = [&](const std::string& op, std::vector<std::string> in, const std::string& out) {
        onnx::NodeProto* n = g.add_node();
        n->set_op_type(op);
        n->set_name(out + "_node");
        for (const auto& i : in) n->add_input(i);
        n->add_output(out);
        return n;
    };
    node("Identity", {"x"}, "x1");
    node("Flatten", {"x1"}, "flat")->add_attribute()->CopyFrom([] {
        onnx::AttributeProto a;
        a.set_name("axis");
        a.set_type(onnx::AttributeProto::INT);
        a.set_i(1);
        return a;
    }());
    tensor("w1", {32, 16}, 1);  // MatMul: [in, out]
    node("MatMul", {"flat", "w1"}, "h1");
    node("Tanh", {"h1"}, "t1");
    node("Dropout", {"t1"}, "d1");
    tensor("w2", {32, 16}, 2);  // Gemm transB 1: [out, in] (stock OpenCV 4.6 rejects a biased transB 0)
    tensor("b2", {32}, 3);
    onnx::AttributeProto* transB = node("Gemm", {"d1", "w2", "b2"}, "h2")->add_attribute();
    transB->set_name("transB");
    transB->set_type(onnx::AttributeProto::INT);
    transB->set_i(1);
    node("Relu", {"h2"}, "r2");
    onnx::TensorProto* shape = g.add_initializer();
    shape->set_name("shape");
    shape->set_data_type(onnx::TensorProto::INT64);
    shape->add_dims(4);
    for (int64_t d : {int64_t{-1}, int64_t{2}, int64_t{4}, int64_t{4}}) shape->add_int64_data(d);
    node("Reshape", {"r2", "shape"}, "img");
    onnx::NodeProto* scales = node("Constant", {}, "scales");
    onnx::AttributeProto* value = scales->add_attribute();
    value->set_name("value");
    value->set_type(onnx::AttributeProto::TENSOR);
    value->mutable_t()->set_data_type(onnx::TensorProto::FLOAT);
    value->mutable_t()->add_dims(4);
    for (float f : {1.f, 1.f, 2.f, 2.f}) value->mutable_t()->add_float_data(f);
    onnx::NodeProto* resize = node("Resize", {"img", "", "scales"}, withSoftmax ? "up" : "y");
    for (const auto& [k, v] : {std::pair<std::string, std::string>{"mode", "nearest"},
                               {"coordinate_transformation_mode", "asymmetric"}, {"nearest_mode", "floor"}}) {
        onnx::AttributeProto* a = resize->add_attribute();
        a->set_name(k);
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(v);
    }
    if (withSoftmax) node("Softmax", {"up"}, "y");
    auto out = g.add_output();
    out->set_name("y");
    out->mutable_type()->mutable_tensor_type()->set_elem_type(onnx::TensorProto::FLOAT);
    for (int d : {1, 2, 8, 8}) out->mutable_type()->mutable_tensor_type()->mutable_shape()->add_dim()->set_dim_value(d);
    std::ofstream file(path, std::ios::binary);
    proto.SerializeToOstream(&file);
}

}  // namespace

TEST_CASE("importing aecv's own standard exports gives back the same network") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    for (const auto& [name, m, input] :
         {std::tuple{"conv", test::convAutoencoder(), ops::Shape{2, 3, 16, 24}},
          std::tuple{"chain", test::chainModel(), ops::Shape{1, 3, 32, 32}},
          std::tuple{"dense", test::denseAutoencoder(), ops::Shape{4, 64}}}) {
        CAPTURE(name);
        const std::string standard = dir.file(std::string(name) + ".std.onnx");
        model::writeStandardOnnx(m, standard);
        const model::Model back = model::importStandardOnnx(standard);
        REQUIRE(back.nodes.size() == m.nodes.size());  // every activation folded back into its layer
        for (size_t i = 0; i < m.nodes.size(); ++i) {
            CAPTURE(m.nodes[i].name);
            CHECK(back.nodes[i].op == m.nodes[i].op);
            CHECK(back.nodes[i].getString("activation", "identity") == m.nodes[i].getString("activation", "identity"));
            REQUIRE(back.nodes[i].weights.size() == m.nodes[i].weights.size());
            for (size_t k = 0; k < m.nodes[i].weights.size(); ++k)
                CHECK(test::maxAbsDiff(back.nodes[i].weights[k], m.nodes[i].weights[k]) == 0);
        }
        CHECK(importedVsStock(standard, dir.file(std::string(name) + ".aecv.onnx"), input) <= 1e-4);
    }
}

TEST_CASE("importing another exporter's conventions") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    writeForeignModel(dir.file("foreign.onnx"), false);
    const model::Model m = model::importStandardOnnx(dir.file("foreign.onnx"));
    std::vector<std::string> ops;
    for (const model::Node& n : m.nodes) ops.push_back(n.op + ":" + n.getString("activation", ""));
    CHECK(ops == std::vector<std::string>{"Reshape:", "Dense:tanh", "Dense:relu", "Reshape:", "Upsample:"});
    CHECK(importedVsStock(dir.file("foreign.onnx"), dir.file("foreign.aecv.onnx"), {3, 2, 4, 4}) <= 1e-5);
}

TEST_CASE("importing refuses unsupported ops by name") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    writeForeignModel(dir.file("softmax.onnx"), true);
    const std::string message = test::thrownMessage([&] { model::importStandardOnnx(dir.file("softmax.onnx")); });
    CHECK(message.rfind(dir.file("softmax.onnx") + ": node 'y_node' (Softmax): not supported by aecv; supported ops: "
                        "Conv, ConvTranspose, Gemm", 0) == 0);
}

TEST_CASE("a VAE exported to standard ONNX and imported back keeps its sampling") {
    test::RegisteredLayers registered;
    test::TempDir dir;
    const model::Model vae = test::denseVae();
    const std::string standard = dir.file("vae.std.onnx"), back = dir.file("vae.onnx");
    model::writeStandardOnnx(vae, standard);
    // Stock OpenCV runs the export: the mean path, deterministic.
    cv::dnn::Net stock = cv::dnn::readNetFromONNX(standard);
    cv::Mat x(2, 64, CV_32F);
    cv::randu(x, 0.0, 1.0);
    stock.setInput(x);
    CHECK(stock.forward().size[1] == 64);

    const model::Model imported = model::importStandardOnnx(standard);
    REQUIRE(imported.nodes.size() == vae.nodes.size());
    const model::Node& z = imported.node("sample");
    CHECK(z.op == "Sampling");
    CHECK(z.inputs == std::vector<std::string>{"mean", "log_var"});
    CHECK(z.output == "z");
    CHECK(z.getInt("seed", 0) == 7);
    CHECK(imported.metadata.at("task") == "vae");
    CHECK(imported.metadata.count("aecv_sampling:sample") == 0);  // consumed, not kept as metadata
    model::writeOnnx(imported, back);
    model::writeOnnx(vae, dir.file("original.onnx"));
    Autoencoder a(dir.file("original.onnx")), b(back);
    CHECK(test::maxAbsDiff(a.sample(5, 3), b.sample(5, 3)) == 0);
    CHECK(test::maxAbsDiff(a.reconstruct(x), b.reconstruct(x)) == 0);  // sampling with the stored seed

    // A damaged entry is named.
    onnx::ModelProto proto;
    {
        std::ifstream in(standard, std::ios::binary);
        REQUIRE(proto.ParseFromIstream(&in));
    }
    for (onnx::StringStringEntryProto& p : *proto.mutable_metadata_props())
        if (p.key() == "aecv_sampling:sample") p.set_value("log_var");
    {
        std::ofstream out(dir.file("bad.std.onnx"), std::ios::binary);
        proto.SerializeToOstream(&out);
    }
    CHECK(test::thrownMessage([&] { model::importStandardOnnx(dir.file("bad.std.onnx")); })
              .find("node 'sample' (Identity): the metadata entry 'aecv_sampling:sample' is 'log_var'; expected "
                    "'LOG_VARIANCE_TENSOR SEED' for an Identity of the mean") != std::string::npos);
}

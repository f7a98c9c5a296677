// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The aecv form of a Model in ONNX: write, read.
#include <cstring>
#include <set>

#include "layers/graph_layer.hpp"
#include "model/graph.hpp"
#include "model/proto_util.hpp"
#include "model/split.hpp"

namespace aecv::model {

namespace {

const char* kDomain = "aecv";

// Biases are stored 1-D as in ONNX; weights with their own shape.
ops::Shape storedShape(const cv::Mat& tensor, size_t index) {
    if (index == 1) return {static_cast<int>(tensor.total())};
    return ops::shapeOf(tensor);
}

cv::Mat readTensor(const onnx::TensorProto& t, const std::string& file) {
    if (t.data_type() != onnx::TensorProto::FLOAT)
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s: initializer '%s' has ONNX data type %d; expected "
                 "FLOAT (1)", file.c_str(), t.name().c_str(), t.data_type()));
    const size_t count = checkedElementCount(t, file);
    if (count == 0)
        CV_Error(cv::Error::StsBadSize, cv::format("%s: initializer '%s' is empty", file.c_str(), t.name().c_str()));
    ops::Shape shape;
    for (int64_t d : t.dims()) shape.push_back(static_cast<int>(d));
    if (shape.empty()) shape = {1};
    if (shape.size() == 1) shape.insert(shape.begin(), 1);  // cv::Mat needs 2 dimensions
    if (shape.size() > 32)  // cv::Mat's limit
        CV_Error(cv::Error::StsBadSize, cv::format("%s: initializer '%s' has %zu dimensions; expected at most 32",
                 file.c_str(), t.name().c_str(), shape.size()));
    cv::Mat m = ops::makeTensor(shape);
    if (t.has_raw_data()) std::memcpy(m.data, t.raw_data().data(), count * sizeof(float));
    else std::copy(t.float_data().begin(), t.float_data().end(), m.ptr<float>());
    return m;
}

Attr readAttr(const onnx::AttributeProto& a, const std::string& where) {
    switch (a.type()) {
    case onnx::AttributeProto::INT: return a.i();
    case onnx::AttributeProto::FLOAT: return a.f();
    case onnx::AttributeProto::STRING: return a.s();
    case onnx::AttributeProto::INTS: return std::vector<int64_t>(a.ints().begin(), a.ints().end());
    default:
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s: attribute '%s' has unsupported type %d", where.c_str(),
                 a.name().c_str(), static_cast<int>(a.type())));
    }
}

}  // namespace

const std::vector<std::string>& opTypes() {
    static const std::vector<std::string> types = {"Conv", "ConvTranspose", "Dense", "MaxPool", "Upsample",
                                                   "Activation", "Add", "Reshape", "Sampling", "Slice"};
    return types;
}

namespace {

onnx::ModelProto aecvProto(const Model& m) {
    onnx::ModelProto proto = newModelProto(m, kDomain);
    onnx::GraphProto& graph = *proto.mutable_graph();
    addGraphInputOutputs(graph, m);
    static const char* weightNames[] = {".weight", ".bias"};
    for (const Node& n : m.nodes) {
        CV_Assert(n.weights.size() <= 2);
        onnx::NodeProto* p = graph.add_node();
        p->set_op_type(n.op);
        p->set_domain(kDomain);
        p->set_name(n.name);
        for (const std::string& in : n.inputs) p->add_input(in);
        for (size_t i = 0; i < n.weights.size(); ++i) {
            const std::string name = n.name + weightNames[i];
            p->add_input(name);
            addInitializer(graph, name, n.weights[i], storedShape(n.weights[i], i));
        }
        p->add_output(n.output);
        for (const auto& [key, value] : n.attrs) setAttr(*p, key, value);
    }
    return proto;
}

}  // namespace

void writeOnnx(const Model& m, const std::string& path) { checkAndWrite(aecvProto(m), path); }

std::string toOnnxBytes(const Model& m) { return aecvProto(m).SerializeAsString(); }

cv::dnn::Net loadNet(const Model& m) {
    if (runsAsSequence(m)) return layers::graphNet(m);
    const std::string bytes = toOnnxBytes(m);
    return cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
}

Model readOnnx(const std::string& path) { return parseOnnx(readFileBytes(path), path); }

Model parseOnnx(const std::string& bytes, const std::string& name) {
    const std::string& path = name;
    const onnx::ModelProto proto = parseModelProto(bytes, name);
    const onnx::GraphProto& graph = proto.graph();

    Model m;
    for (const auto& p : proto.metadata_props()) m.metadata[p.key()] = p.value();
    std::map<std::string, cv::Mat> initializers;
    for (const onnx::TensorProto& t : graph.initializer()) initializers[t.name()] = readTensor(t, path);

    bool haveInput = false;
    for (const onnx::ValueInfoProto& v : graph.input()) {
        if (initializers.count(v.name())) continue;
        if (haveInput)
            CV_Error(cv::Error::StsBadArg, cv::format("%s: graph has a second input '%s'; aecv models have one",
                     path.c_str(), v.name().c_str()));
        haveInput = true;
        m.input = v.name();
        for (const auto& d : v.type().tensor_type().shape().dim())
            m.inputShape.push_back(d.has_dim_value() ? static_cast<int>(d.dim_value()) : -1);
    }
    if (!haveInput) CV_Error(cv::Error::StsBadArg, cv::format("%s: graph has no input", path.c_str()));

    for (const onnx::NodeProto& p : graph.node()) {
        const std::string where = cv::format("%s: node '%s' (%s)", path.c_str(), p.name().c_str(), p.op_type().c_str());
        if (p.domain() != kDomain)
            CV_Error(cv::Error::StsBadArg, cv::format("%s has domain '%s'; expected 'aecv' (convert standard ONNX "
                     "files with aecv-model import-standard)", where.c_str(), p.domain().c_str()));
        if (std::find(opTypes().begin(), opTypes().end(), p.op_type()) == opTypes().end())
            CV_Error(cv::Error::StsNotImplemented, cv::format("%s: unknown aecv op '%s'", where.c_str(),
                     p.op_type().c_str()));
        if (p.output_size() != 1)
            CV_Error(cv::Error::StsBadArg, cv::format("%s has %d outputs; expected 1", where.c_str(), p.output_size()));
        Node n{p.op_type(), p.name(), {}, p.output(0), {}, {}};
        for (const std::string& input : p.input()) {
            auto it = initializers.find(input);
            if (it == initializers.end()) n.inputs.push_back(input);
            else n.weights.push_back(it->second);
        }
        for (const onnx::AttributeProto& a : p.attribute()) n.attrs[a.name()] = readAttr(a, where);
        m.nodes.push_back(std::move(n));
    }
    for (const onnx::ValueInfoProto& v : graph.output()) m.outputs.push_back(v.name());
    mainOutputFirst(m.outputs);
    validate(m, path);
    return m;
}

}  // namespace aecv::model

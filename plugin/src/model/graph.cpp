// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/graph.hpp"

#include <limits>
#include <set>

#include "layers/op_factory.hpp"

namespace aecv::model {

int64_t Node::getInt(const std::string& key, int64_t fallback) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? fallback : std::get<int64_t>(it->second);
}

float Node::getFloat(const std::string& key, float fallback) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? fallback : std::get<float>(it->second);
}

std::string Node::getString(const std::string& key, const std::string& fallback) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? fallback : std::get<std::string>(it->second);
}

std::vector<int64_t> Node::getInts(const std::string& key, const std::vector<int64_t>& fallback) const {
    auto it = attrs.find(key);
    return it == attrs.end() ? fallback : std::get<std::vector<int64_t>>(it->second);
}

const Node& Model::node(const std::string& name) const {
    for (const Node& n : nodes)
        if (n.name == name) return n;
    CV_Error(cv::Error::StsObjectNotFound, cv::format("the model has no node named '%s'", name.c_str()));
}

namespace {

int toInt(int64_t v, const Node& n, const std::string& key) {
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
        CV_Error(cv::Error::StsOutOfRange, cv::format("node '%s': attribute '%s' holds %lld; expected a 32-bit value",
                 n.name.c_str(), key.c_str(), static_cast<long long>(v)));
    return static_cast<int>(v);
}

}  // namespace

cv::dnn::LayerParams toLayerParams(const Node& n) {
    cv::dnn::LayerParams lp;
    lp.name = n.name;
    lp.type = "aecv." + n.op;
    for (const auto& [key, value] : n.attrs) {
        if (const auto* i = std::get_if<int64_t>(&value)) lp.set(key, toInt(*i, n, key));
        else if (const auto* f = std::get_if<float>(&value)) lp.set(key, *f);
        else if (const auto* s = std::get_if<std::string>(&value)) lp.set(key, *s);
        else {
            const auto& v = std::get<std::vector<int64_t>>(value);
            std::vector<int> ints;
            for (int64_t x : v) ints.push_back(toInt(x, n, key));
            lp.set(key, cv::dnn::DictValue::arrayInt(ints.data(), static_cast<int>(ints.size())));
        }
    }
    lp.blobs = n.weights;
    return lp;
}

std::unique_ptr<ops::Op> createOp(const Node& n) { return layers::makeOp(toLayerParams(n)); }

ops::Shape concreteInputShape(const Model& m) {
    ops::Shape s = m.inputShape;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] <= 0) s[i] = i == 0 ? 1 : 64;
    return s;
}

std::map<std::string, ops::Shape> inferShapes(const Model& m, const ops::Shape& input) {
    std::map<std::string, ops::Shape> shapes{{m.input, input}};
    for (const Node& n : m.nodes) {
        std::vector<ops::Shape> in;
        for (const std::string& name : n.inputs) {
            auto it = shapes.find(name);
            if (it == shapes.end())
                CV_Error(cv::Error::StsBadArg, cv::format("node '%s' reads '%s', which no earlier node produces",
                         n.name.c_str(), name.c_str()));
            in.push_back(it->second);
        }
        shapes[n.output] = layers::checkedOutputShape(*createOp(n), "aecv." + n.op, n.name, in);
    }
    return shapes;
}

void validate(const Model& m, const std::string& where) {
    try {
        if (m.nodes.empty()) CV_Error(cv::Error::StsBadArg, "the model has no nodes");
        if (m.inputShape.size() != 2 && m.inputShape.size() != 4)
            CV_Error(cv::Error::StsBadSize, cv::format("input '%s' has shape %s; expected [N, D] or [N, C, H, W]",
                     m.input.c_str(), ops::toString(m.inputShape).c_str()));
        std::set<std::string> names;
        for (const Node& n : m.nodes)
            if (!names.insert(n.name).second)
                CV_Error(cv::Error::StsBadArg, cv::format("two nodes are named '%s'", n.name.c_str()));
        const auto shapes = inferShapes(m, concreteInputShape(m));
        if (m.outputs.empty()) CV_Error(cv::Error::StsBadArg, "the model has no outputs");
        for (const std::string& out : m.outputs)
            if (!shapes.count(out))
                CV_Error(cv::Error::StsBadArg, cv::format("output '%s' is not produced by any node", out.c_str()));
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("%s: %s", where.c_str(), e.err.c_str()));
    }
}

}  // namespace aecv::model

// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/graph.hpp"

#include <limits>
#include <map>
#include <set>
#include <utility>

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

bool chainsAlone(const Node& n) {
    return n.inputs.size() == 1 && (n.op == "Conv" || n.op == "ConvTranspose" || n.op == "MaxPool" ||
                                    n.op == "Upsample" || n.op == "Activation" || n.op == "Slice");
}

// Per node, whether its chain step may write over its input 0 (an activation must, an Add may):
// only where no later node and no graph output reads what those channels of that memory hold. A
// tensor shares memory with input 0 where its op views it (Slice: some of its channels, and a
// Slice reads only those) or writes over it; the image's memory is never written (its
// noise-level channel stays from one run to the next).
std::vector<bool> overwritable(const model::Model& m) {
    constexpr int kAll = std::numeric_limits<int>::max();
    constexpr size_t kLater = std::numeric_limits<size_t>::max();  // a graph output: read after the run
    struct Read {
        size_t node;
        int first, last;  // channels of the tensor read: [first, last)
    };
    struct Memory {
        std::string root;            // the tensor whose memory this is
        int first = 0, last = kAll;  // the channels of it this tensor is: [first, last)
        size_t producer = 0;         // node index + 1 (0: the image)
        std::vector<Read> reads;     // node index + 1
    };
    auto sliceOf = [](const model::Node& n) {
        return std::pair<int, int>(static_cast<int>(n.getInt("start", 0)), static_cast<int>(n.getInt("end", kAll)));
    };
    std::map<std::string, Memory> mem{{m.input, {m.input, 0, kAll, 0, {}}}};
    for (size_t i = 0; i < m.nodes.size(); ++i) mem[m.nodes[i].output] = {m.nodes[i].output, 0, kAll, i + 1, {}};
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        const model::Node& n = m.nodes[i];
        for (const std::string& in : n.inputs) {
            const auto [first, last] = n.op == "Slice" ? sliceOf(n) : std::pair<int, int>(0, kAll);
            mem.at(in).reads.push_back({i + 1, first, last});
        }
    }
    for (const std::string& out : m.outputs) mem.at(out).reads.push_back({kLater, 0, kAll});

    std::vector<bool> result;
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        const model::Node& n = m.nodes[i];
        const Memory& in = mem.at(n.inputs[0]);
        bool ok = in.root != m.input;
        for (const auto& [name, t] : mem) {  // a value in the same channels, made before and read after
            if (t.root != in.root || t.producer > i) continue;
            for (const Read& r : t.reads) {
                const int first = t.first + r.first, last = r.last == kAll ? t.last : t.first + r.last;
                if (r.node > i + 1 && first < in.last && in.first < last) ok = false;
            }
        }
        result.push_back(ok);
        Memory& out = mem.at(n.output);
        if (n.op == "Slice") {
            const auto [start, end] = sliceOf(n);
            out.root = in.root;
            out.first = in.first + start;
            out.last = in.first + end;
        } else if (ok && (n.op == "Activation" || n.op == "Add")) {
            out.root = in.root;
            out.first = in.first;
            out.last = in.last;
        }
    }
    return result;
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

bool runsAsSequence(const Model& m) {
    if (m.inputShape.size() != 4 || m.outputs.empty() || m.nodes.empty()) return false;
    for (const Node& n : m.nodes)
        if (!chainsAlone(n) && !(n.op == "Add" && n.inputs.size() == 2)) return false;
    // An activation works in place: on memory nothing reads afterwards.
    const std::vector<bool> overwrite = overwritable(m);
    for (size_t i = 0; i < m.nodes.size(); ++i)
        if (m.nodes[i].op == "Activation" && !overwrite[i]) return false;
    return true;
}

Wiring::Wiring(const Model& m) : byName{{m.input, 0}} {
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        const Node& n = m.nodes[i];
        std::vector<int>& in = inputs.emplace_back();
        for (const std::string& name : n.inputs) {
            const auto it = byName.find(name);
            if (it == byName.end())
                CV_Error(cv::Error::StsBadArg, cv::format("node '%s' reads '%s', which no earlier node produces",
                         n.name.c_str(), name.c_str()));
            in.push_back(it->second);
        }
        if (!byName.emplace(n.output, static_cast<int>(i + 1)).second)
            CV_Error(cv::Error::StsBadArg, cv::format("node '%s' writes '%s', which is already written",
                     n.name.c_str(), n.output.c_str()));
    }
}

int Wiring::index(const std::string& name) const {
    const auto it = byName.find(name);
    if (it == byName.end())
        CV_Error(cv::Error::StsObjectNotFound, cv::format("the graph has no tensor '%s'", name.c_str()));
    return it->second;
}

Runnable::Runnable(const Model& m) {
    CV_Assert(runsAsSequence(m));
    const std::vector<bool> overwrite = overwritable(m);
    const Wiring wiring(m);
    std::vector<ops::Sequence::Node> nodes;
    for (size_t i = 0; i < m.nodes.size(); ++i) {
        ops.push_back(createOp(m.nodes[i]));
        nodes.push_back({ops.back().get(), wiring.inputs[i], overwrite[i]});
    }
    for (const std::string& out : m.outputs) outputs.push_back(wiring.index(out));
    sequence = std::make_unique<ops::Sequence>(std::move(nodes));
}

Runnable::~Runnable() = default;

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

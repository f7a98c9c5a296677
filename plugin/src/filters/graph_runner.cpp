// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/graph_runner.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <unordered_map>

#include "model/graph.hpp"
#include "ops/dnnl_context.hpp"

namespace aecv::filters {

namespace {

using dt = dnnl::memory::data_type;
using ops::makeReorder;

bool isChainOp(const std::string& op) {
    return op == "Conv" || op == "ConvTranspose" || op == "MaxPool" || op == "Upsample" || op == "Activation" ||
           op == "Slice";
}

// An interleaved BGR image (any row step) as the logical tensor [1, 3, rows, cols].
dnnl::memory::desc pixelsDesc(const cv::Mat& m) {
    const dnnl::memory::dim row = static_cast<dnnl::memory::dim>(m.step[0] / m.elemSize1());
    return dnnl::memory::desc({1, 3, m.rows, m.cols}, m.depth() == CV_8U ? dt::u8 : dt::f32,
                              {row * m.rows, 1, row, 3});
}

dnnl::memory::desc withType(const dnnl::memory::desc& d, dt type) {
    dnnl::memory::desc out = d;
    out.data.data_type = static_cast<dnnl_data_type_t>(type);
    return out;
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

struct GraphRunner::Step {
    std::unique_ptr<ops::ChainStep> step;
    int in = 0, in2 = -1, out = 0;  // tensors: read (in2: Add's second input), written
};

struct GraphRunner::Plan {
    // What the plan was built for.
    int rows = 0, cols = 0, type = 0, outType = 0;
    size_t inStep = 0, outStep = 0;
    cv::Rect part;
    dt precision = dt::f32;

    dnnl::memory pixelsIn, input;  // the image as given; tensor 0 (f32 channels-last, in [0, 1])
    dnnl::memory inputPixels;      // channels 0..2 of tensor 0 (all of it without a level map)
    dnnl::reorder toInput;
    float level = -1.f;            // the level map's value now in tensor 0 (-1: not yet written)
    std::vector<Step> steps;
    std::vector<dnnl::memory> tensors;
    std::vector<dnnl::memory::desc> descs;
    std::optional<dnnl::reorder> widen;         // float output from a bf16 tensor: to f32 first
    dnnl::memory wide;
    std::optional<dnnl::eltwise_forward> clip;  // float output: into [0, 1]
    dnnl::memory partOfOutput, pixelsOut;
    dnnl::reorder toPixels;
    // runOutputs(): per output, its region reordered into an interleaved float Mat
    struct Copy {
        int tensor = 0, channels = 0;
        dnnl::memory part, dst;
        dnnl::reorder reorder;
    };
    std::vector<Copy> copies;

    bool matches(const cv::Mat& bgr, const cv::Rect& r, const cv::Mat& out) const {
        // `out` empty: runOutputs()'s plan, which has copies instead of pixels
        return rows == bgr.rows && cols == bgr.cols && type == bgr.type() && inStep == bgr.step[0] && part == r &&
               (out.empty() ? !copies.empty() : copies.empty() && outType == out.type() && outStep == out.step[0]) &&
               precision == ops::inferenceType();
    }
};

bool GraphRunner::supports(const model::Model& m) {
    if (m.inputShape.size() != 4 || (m.inputShape[1] != 3 && m.inputShape[1] != 4) || m.outputs.empty()) return false;
    for (const model::Node& n : m.nodes) {
        const bool add = n.op == "Add" && n.inputs.size() == 2;
        if (!add && !(isChainOp(n.op) && n.inputs.size() == 1)) return false;
    }
    // An activation works in place: on memory nothing reads afterwards.
    const std::vector<bool> overwrite = overwritable(m);
    for (size_t i = 0; i < m.nodes.size(); ++i)
        if (m.nodes[i].op == "Activation" && !overwrite[i]) return false;
    return true;
}

GraphRunner::GraphRunner(const model::Model& m) {
    CV_Assert(supports(m));
    channels_ = m.inputShape[1];
    overwrite_ = overwritable(m);
    std::map<std::string, int> tensor{{m.input, 0}};
    int tensors = 1;
    for (const model::Node& n : m.nodes) {
        ops_.push_back(model::createOp(n));
        std::vector<int> ins;
        for (const std::string& name : n.inputs) ins.push_back(tensor.at(name));
        inputs_.push_back(ins);
        tensor[n.output] = tensors++;
    }
    for (const std::string& out : m.outputs) outputs_.push_back(tensor.at(out));
}

GraphRunner::~GraphRunner() = default;

GraphRunner::Plan& GraphRunner::plan(const cv::Mat& bgr, const cv::Rect& part, const cv::Mat& out) {
    auto it = std::find_if(plans_.begin(), plans_.end(), [&](const auto& p) { return p->matches(bgr, part, out); });
    if (it == plans_.end()) {
        if (plans_.size() == kPlans) plans_.pop_back();
        it = plans_.insert(plans_.begin(), prepare(bgr, part, out));
    } else {
        std::rotate(plans_.begin(), it, it + 1);
        it = plans_.begin();
    }
    return **it;
}

std::unique_ptr<GraphRunner::Plan> GraphRunner::prepare(const cv::Mat& bgr, const cv::Rect& part, const cv::Mat& out) {
    using namespace dnnl;
    engine& eng = ops::cpuEngine();
    auto p = std::make_unique<Plan>();
    p->rows = bgr.rows;
    p->cols = bgr.cols;
    p->type = bgr.type();
    p->inStep = bgr.step[0];
    p->part = part;
    p->outType = out.type();
    p->outStep = out.step[0];
    p->precision = ops::inferenceType();

    const float unit = bgr.depth() == CV_8U ? 255.f : 1.f;
    const ops::Shape inShape{1, channels_, bgr.rows, bgr.cols}, imageShape{1, 3, bgr.rows, bgr.cols};
    p->pixelsIn = memory(pixelsDesc(bgr), eng, DNNL_MEMORY_NONE);
    p->input = memory(memory::desc(ops::toDims(inShape), dt::f32, memory::format_tag::nhwc), eng);
    p->inputPixels = memory(p->input.get_desc().submemory_desc(ops::toDims(imageShape), {0, 0, 0, 0}), eng,
                            p->input.get_data_handle());
    p->toInput = makeReorder(p->pixelsIn.get_desc(), p->inputPixels.get_desc(), 1.f / unit);

    std::vector<ops::Shape> shapes{inShape};
    p->descs = {p->input.get_desc()};
    for (size_t i = 0; i < ops_.size(); ++i) {
        Step step;
        step.in = inputs_[i][0];
        step.in2 = inputs_[i].size() > 1 ? inputs_[i][1] : -1;
        step.out = static_cast<int>(shapes.size());
        std::vector<ops::Shape> in;
        std::vector<memory::desc> src;
        for (const int t : inputs_[i]) {
            in.push_back(shapes[static_cast<size_t>(t)]);
            src.push_back(p->descs[static_cast<size_t>(t)]);
        }
        step.step = ops_[i]->chainPrepare(in, src, overwrite_[i]);
        p->descs.push_back(step.step->output());
        shapes.push_back(ops_[i]->outputShape(in));
        p->steps.push_back(std::move(step));
    }
    p->tensors.resize(shapes.size());

    const ops::Shape& outShape = shapes[static_cast<size_t>(outputs_[0])];
    if (outShape != imageShape)
        CV_Error(cv::Error::StsBadArg, cv::format("the model returns %s for an input of %s; an image filter returns "
                 "an image of the size it takes", ops::toString(outShape).c_str(), ops::toString(inShape).c_str()));
    if (out.empty()) {  // runOutputs(): every output's region, interleaved float
        for (const int t : outputs_) {
            const ops::Shape& shape = shapes[static_cast<size_t>(t)];
            if (shape.size() != 4 || shape[0] != 1 || shape[2] != bgr.rows || shape[3] != bgr.cols)
                CV_Error(cv::Error::StsBadArg, cv::format("the model has an output of %s for an input of %s; an image "
                         "filter's outputs are images of the size it takes", ops::toString(shape).c_str(),
                         ops::toString(inShape).c_str()));
            Plan::Copy copy;
            copy.tensor = t;
            copy.channels = shape[1];
            const memory::dim c = shape[1], w = part.width, h = part.height;
            const memory::desc region = p->descs[static_cast<size_t>(t)].submemory_desc({1, c, h, w}, {0, 0, part.y, part.x});
            copy.part = memory(region, eng, DNNL_MEMORY_NONE);
            copy.dst = memory(memory::desc({1, c, h, w}, dt::f32, {h * w * c, 1, w * c, c}), eng, DNNL_MEMORY_NONE);
            copy.reorder = makeReorder(region, copy.dst.get_desc());
            p->copies.push_back(std::move(copy));
        }
        return p;
    }
    memory::desc last = p->descs[static_cast<size_t>(outputs_[0])];
    if (out.depth() == CV_32F) {
        if (last.data_type() != dt::f32) {  // clip in f32: widen first
            p->wide = memory(withType(last, dt::f32), eng);
            p->widen = makeReorder(last, p->wide.get_desc());
            last = p->wide.get_desc();
        }
        p->clip.emplace(eltwise_forward::primitive_desc(
            {prop_kind::forward_inference, algorithm::eltwise_clip, last, 0.f, 1.f}, eng));
    }
    const memory::desc partDesc = last.submemory_desc({1, 3, part.height, part.width}, {0, 0, part.y, part.x});
    p->partOfOutput = memory(partDesc, eng, DNNL_MEMORY_NONE);
    p->pixelsOut = memory(pixelsDesc(out), eng, DNNL_MEMORY_NONE);
    p->toPixels = makeReorder(partDesc, p->pixelsOut.get_desc(), out.depth() == CV_8U ? 255.f : 1.f);
    return p;
}

void GraphRunner::run(const cv::Mat& bgr, const cv::Rect& part, cv::Mat& out, float level) {
    CV_Assert((bgr.type() == CV_8UC3 || bgr.type() == CV_32FC3) && out.type() == bgr.type() &&
              out.size() == part.size() && (cv::Rect(0, 0, bgr.cols, bgr.rows) & part) == part);
    Plan& p = plan(bgr, part, out);
    execute(p, bgr, level);
    dnnl::stream& s = ops::cpuStream();
    dnnl::memory result = p.tensors[static_cast<size_t>(outputs_[0])];
    if (p.widen) {
        p.widen->execute(s, result, p.wide);
        result = p.wide;
    }
    if (p.clip) p.clip->execute(s, {{DNNL_ARG_SRC, result}, {DNNL_ARG_DST, result}});
    p.partOfOutput.set_data_handle(result.get_data_handle());
    p.pixelsOut.set_data_handle(out.data);
    p.toPixels.execute(s, p.partOfOutput, p.pixelsOut);
    s.wait();
}

void GraphRunner::runOutputs(const cv::Mat& bgr, const cv::Rect& part, std::vector<cv::Mat>& outs, float level) {
    CV_Assert((bgr.type() == CV_8UC3 || bgr.type() == CV_32FC3) && (cv::Rect(0, 0, bgr.cols, bgr.rows) & part) == part);
    const cv::Mat none;
    Plan& p = plan(bgr, part, none);
    execute(p, bgr, level);
    dnnl::stream& s = ops::cpuStream();
    outs.resize(p.copies.size());
    for (size_t i = 0; i < p.copies.size(); ++i) {
        Plan::Copy& copy = p.copies[i];
        outs[i].create(part.size(), CV_32FC(copy.channels));
        CV_Assert(outs[i].isContinuous());
        copy.part.set_data_handle(p.tensors[static_cast<size_t>(copy.tensor)].get_data_handle());
        copy.dst.set_data_handle(outs[i].data);
        copy.reorder.execute(s, copy.part, copy.dst);
    }
    s.wait();
}

void GraphRunner::execute(Plan& p, const cv::Mat& bgr, float level) {
    dnnl::stream& s = ops::cpuStream();
    p.pixelsIn.set_data_handle(bgr.data);
    p.toInput.execute(s, p.pixelsIn, p.inputPixels);
    if (channels_ == 4 && level != p.level) {  // the pixels' reorder leaves channel 3 alone
        float* x = static_cast<float*>(p.input.get_data_handle());
        const size_t pixels = static_cast<size_t>(bgr.rows) * static_cast<size_t>(bgr.cols);
        for (size_t i = 0; i < pixels; ++i) x[4 * i + 3] = level;
        p.level = level;
    }
    p.tensors[0] = p.input;
    for (Step& step : p.steps) {
        const dnnl::memory& a = p.tensors[static_cast<size_t>(step.in)];
        const dnnl::memory b = step.in2 < 0 ? dnnl::memory() : p.tensors[static_cast<size_t>(step.in2)];
        p.tensors[static_cast<size_t>(step.out)] = step.step->run(s, a, b);
    }
}

}  // namespace aecv::filters

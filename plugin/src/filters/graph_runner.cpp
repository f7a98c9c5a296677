// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "filters/graph_runner.hpp"

#include <algorithm>
#include <optional>

#include "ops/dnnl_context.hpp"

namespace aecv::filters {

namespace {

using dt = dnnl::memory::data_type;
using ops::makeReorder;

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

}  // namespace

struct GraphRunner::Exit {
    // What the exit was built for.
    cv::Rect part;
    int outType = 0;
    size_t outStep = 0;
    bool floatOutputs = false;  // runOutputs()
    // run(): the result's part to pixels (float pixels: from the plan's clipped result)
    dnnl::memory partOfOutput, pixelsOut;
    dnnl::reorder toPixels;
    // runOutputs(): per output, its region reordered into an interleaved float Mat
    struct Copy {
        int tensor = 0, channels = 0;
        dnnl::memory part, dst;
        dnnl::reorder reorder;
    };
    std::vector<Copy> copies;

    bool matches(const cv::Rect& r, const cv::Mat& out) const {
        return part == r && (out.empty() ? floatOutputs : !floatOutputs && outType == out.type() &&
                                                              outStep == out.step[0]);
    }
};

struct GraphRunner::Plan {
    // What the plan was built for.
    int rows = 0, cols = 0, type = 0;
    size_t inStep = 0;
    dt precision = dt::f32;

    dnnl::memory pixelsIn, input;  // the image as given; tensor 0 (f32 channels-last, in [0, 1])
    dnnl::memory inputPixels;      // channels 0..2 of tensor 0 (all of it without a level map)
    dnnl::reorder toInput;
    float level = -1.f;            // the level map's value now in tensor 0 (-1: not yet written)
    ops::Sequence::Plan graph;
    // Float pixels out: the result clipped to [0, 1] in f32 (widened first from bf16). Built by
    // the first exit that needs it, shared by the others.
    std::optional<dnnl::reorder> widen;
    dnnl::memory wide;
    std::optional<dnnl::eltwise_forward> clip;
    std::vector<std::unique_ptr<Exit>> exits;  // most recently used first, up to kExits
    static constexpr size_t kExits = 8;

    bool matches(const cv::Mat& bgr) const {
        return rows == bgr.rows && cols == bgr.cols && type == bgr.type() && inStep == bgr.step[0] &&
               precision == ops::inferenceType();
    }
};

bool GraphRunner::supports(const model::Model& m) {
    return (m.inputShape.size() == 4 && m.inputShape[1] >= 3) && model::runsAsSequence(m);
}

GraphRunner::GraphRunner(const model::Model& m) : channels_(m.inputShape.at(1)), graph_(m) { CV_Assert(supports(m)); }

GraphRunner::~GraphRunner() = default;

GraphRunner::Plan& GraphRunner::plan(const cv::Mat& bgr) {
    return plans_.get([&](const Plan& p) { return p.matches(bgr); }, static_cast<double>(bgr.rows) * bgr.cols,
                      [&] { return prepare(bgr); });
}

std::unique_ptr<GraphRunner::Plan> GraphRunner::prepare(const cv::Mat& bgr) {
    using namespace dnnl;
    engine& eng = ops::cpuEngine();
    auto p = std::make_unique<Plan>();
    p->rows = bgr.rows;
    p->cols = bgr.cols;
    p->type = bgr.type();
    p->inStep = bgr.step[0];
    p->precision = ops::inferenceType();

    const float unit = bgr.depth() == CV_8U ? 255.f : 1.f;
    const ops::Shape inShape{1, channels_, bgr.rows, bgr.cols}, imageShape{1, 3, bgr.rows, bgr.cols};
    p->pixelsIn = memory(pixelsDesc(bgr), eng, DNNL_MEMORY_NONE);
    p->input = memory(memory::desc(ops::toDims(inShape), dt::f32, memory::format_tag::nhwc), eng);
    p->inputPixels = memory(p->input.get_desc().submemory_desc(ops::toDims(imageShape), {0, 0, 0, 0}), eng,
                            p->input.get_data_handle());
    p->toInput = makeReorder(p->pixelsIn.get_desc(), p->inputPixels.get_desc(), 1.f / unit);

    p->graph = graph_.sequence->plan(inShape, p->input.get_desc());
    const ops::Shape& outShape = p->graph.shapes[static_cast<size_t>(graph_.outputs[0])];
    if (outShape != imageShape)
        CV_Error(cv::Error::StsBadArg, cv::format("the model returns %s for an input of %s; an image filter returns "
                 "an image of the size it takes", ops::toString(outShape).c_str(), ops::toString(inShape).c_str()));
    for (const int t : graph_.outputs) {
        const ops::Shape& shape = p->graph.shapes[static_cast<size_t>(t)];
        if (shape.size() != 4 || shape[0] != 1 || shape[2] != bgr.rows || shape[3] != bgr.cols)
            CV_Error(cv::Error::StsBadArg, cv::format("the model has an output of %s for an input of %s; an image "
                     "filter's outputs are images of the size it takes", ops::toString(shape).c_str(),
                     ops::toString(inShape).c_str()));
    }
    return p;
}

GraphRunner::Exit& GraphRunner::exit(Plan& p, const cv::Rect& part, const cv::Mat& out) {
    using namespace dnnl;
    auto found = std::find_if(p.exits.begin(), p.exits.end(), [&](const auto& e) { return e->matches(part, out); });
    if (found != p.exits.end()) {
        std::rotate(p.exits.begin(), found, found + 1);
        return *p.exits.front();
    }
    if (p.exits.size() >= Plan::kExits) p.exits.pop_back();
    engine& eng = ops::cpuEngine();
    auto e = std::make_unique<Exit>();
    e->part = part;
    e->outType = out.type();
    e->outStep = out.empty() ? 0 : out.step[0];
    e->floatOutputs = out.empty();
    const std::vector<memory::desc>& descs = p.graph.descs;
    if (out.empty()) {  // runOutputs(): every output's region, interleaved float
        for (const int t : graph_.outputs) {
            Exit::Copy copy;
            copy.tensor = t;
            copy.channels = p.graph.shapes[static_cast<size_t>(t)][1];
            const memory::dim c = copy.channels, w = part.width, h = part.height;
            const memory::desc region = descs[static_cast<size_t>(t)].submemory_desc({1, c, h, w}, {0, 0, part.y, part.x});
            copy.part = memory(region, eng, DNNL_MEMORY_NONE);
            copy.dst = memory(memory::desc({1, c, h, w}, dt::f32, {h * w * c, 1, w * c, c}), eng, DNNL_MEMORY_NONE);
            copy.reorder = makeReorder(region, copy.dst.get_desc());
            e->copies.push_back(std::move(copy));
        }
    } else {
        memory::desc last = descs[static_cast<size_t>(graph_.outputs[0])];
        if (out.depth() == CV_32F) {
            if (!p.clip) {
                memory::desc clipDesc = last;
                if (last.data_type() != dt::f32) {  // clip in f32: widen first
                    p.wide = memory(withType(last, dt::f32), eng);
                    p.widen = makeReorder(last, p.wide.get_desc());
                    clipDesc = p.wide.get_desc();
                }
                p.clip.emplace(eltwise_forward::primitive_desc(
                    {prop_kind::forward_inference, algorithm::eltwise_clip, clipDesc, 0.f, 1.f}, eng));
            }
            if (p.widen) last = p.wide.get_desc();
        }
        const memory::desc partDesc = last.submemory_desc({1, 3, part.height, part.width}, {0, 0, part.y, part.x});
        e->partOfOutput = memory(partDesc, eng, DNNL_MEMORY_NONE);
        e->pixelsOut = memory(pixelsDesc(out), eng, DNNL_MEMORY_NONE);
        e->toPixels = makeReorder(partDesc, e->pixelsOut.get_desc(), out.depth() == CV_8U ? 255.f : 1.f);
    }
    p.exits.insert(p.exits.begin(), std::move(e));
    return *p.exits.front();
}

void GraphRunner::run(const cv::Mat& bgr, const cv::Rect& part, cv::Mat& out, float level) {
    CV_Assert((bgr.type() == CV_8UC3 || bgr.type() == CV_32FC3) && out.type() == bgr.type() &&
              out.size() == part.size() && (cv::Rect(0, 0, bgr.cols, bgr.rows) & part) == part);
    Plan& p = plan(bgr);
    Exit& e = exit(p, part, out);
    execute(p, bgr, level);
    dnnl::stream& s = ops::cpuStream();
    dnnl::memory result = p.graph.tensors[static_cast<size_t>(graph_.outputs[0])];
    if (out.depth() == CV_32F) {
        if (p.widen) {
            p.widen->execute(s, result, p.wide);
            result = p.wide;
        }
        p.clip->execute(s, {{DNNL_ARG_SRC, result}, {DNNL_ARG_DST, result}});
    }
    e.partOfOutput.set_data_handle(result.get_data_handle());
    e.pixelsOut.set_data_handle(out.data);
    e.toPixels.execute(s, e.partOfOutput, e.pixelsOut);
    s.wait();
}

void GraphRunner::runOutputs(const cv::Mat& bgr, const cv::Rect& part, std::vector<cv::Mat>& outs, float level,
                             const cv::Mat& plane) {
    CV_Assert((bgr.type() == CV_8UC3 || bgr.type() == CV_32FC3) && (cv::Rect(0, 0, bgr.cols, bgr.rows) & part) == part);
    CV_Assert(plane.empty() || (channels_ > 3 && plane.type() == CV_32FC(channels_ - 3) && plane.size() == bgr.size()));
    Plan& p = plan(bgr);
    Exit& e = exit(p, part, cv::Mat());
    execute(p, bgr, level, plane);
    dnnl::stream& s = ops::cpuStream();
    outs.resize(e.copies.size());
    for (size_t i = 0; i < e.copies.size(); ++i) {
        Exit::Copy& copy = e.copies[i];
        outs[i].create(part.size(), CV_32FC(copy.channels));
        CV_Assert(outs[i].isContinuous());
        copy.part.set_data_handle(p.graph.tensors[static_cast<size_t>(copy.tensor)].get_data_handle());
        copy.dst.set_data_handle(outs[i].data);
        copy.reorder.execute(s, copy.part, copy.dst);
    }
    s.wait();
}

void GraphRunner::execute(Plan& p, const cv::Mat& bgr, float level, const cv::Mat& plane) {
    dnnl::stream& s = ops::cpuStream();
    p.pixelsIn.set_data_handle(bgr.data);
    p.toInput.execute(s, p.pixelsIn, p.inputPixels);
    if (!plane.empty()) {  // channels 3.. per pixel; the next level-map run writes its level again
        float* x = static_cast<float*>(p.input.get_data_handle());
        const int extra = channels_ - 3;
        for (int y = 0; y < plane.rows; ++y) {
            const float* v = plane.ptr<float>(y);
            float* row = x + static_cast<size_t>(channels_) * static_cast<size_t>(y) * static_cast<size_t>(plane.cols);
            for (int i = 0; i < plane.cols; ++i)
                for (int c = 0; c < extra; ++c) row[channels_ * i + 3 + c] = v[extra * i + c];
        }
        p.level = -1.f;
    } else if (channels_ == 4 && level != p.level) {  // the pixels' reorder leaves channel 3 alone
        float* x = static_cast<float*>(p.input.get_data_handle());
        const size_t pixels = static_cast<size_t>(bgr.rows) * static_cast<size_t>(bgr.cols);
        for (size_t i = 0; i < pixels; ++i) x[4 * i + 3] = level;
        p.level = level;
    }
    graph_.sequence->run(p.graph, s, p.input);
}

}  // namespace aecv::filters

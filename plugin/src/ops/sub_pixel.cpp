// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/sub_pixel.hpp"

namespace aecv::ops {

using dnnl::memory;

bool SubPixelDeconv::applies(const ConvTranspose2DConfig& c) {
    const Window2d& w = c.window;
    const int k = w.kernelH / 2;
    return w.strideH == 2 && w.strideW == 2 && w.kernelH == w.kernelW && w.kernelH % 2 == 0 && w.dilationH == 1 &&
           w.dilationW == 1 && c.groups == 1 && c.outputPaddingH == 0 && c.outputPaddingW == 0 &&
           w.padTop == k - 1 && w.padLeft == k - 1 && w.padBottom == k - 1 && w.padRight == k - 1;
}

SubPixelDeconv::SubPixelDeconv(const ConvTranspose2DConfig& c, const Shape& in, const memory::desc& src, bool chained,
                               memory::data_type type)
    : cfg_(c), in_(in), chained_(chained) {
    CV_Assert(applies(c) && in.size() == 4 && in[1] == c.inChannels);
    const int n = in[0], ic = in[1], h = in[2], w = in[3], oc = c.outChannels, k = c.window.kernelH / 2;
    out_ = {n, oc, 2 * h, 2 * w};
    dnnl::engine& eng = cpuEngine();

    // The output, and the strides of its elements (n, c, y, x) in floats.
    const int64_t plane = int64_t{4} * h * w, row = int64_t{2} * w;
    std::array<int64_t, 4> strides;
    if (chained) {
        outDesc_ = memory::desc(toDims(out_), type, memory::format_tag::acdb);
        strides = {oc * plane, 1, row * oc, oc};
        owned_ = memory(outDesc_, eng);
    } else {
        outDesc_ = plainDesc(out_);
        strides = {oc * plane, plane, row, 1};
    }
    outMemory_ = memory(outDesc_, eng, DNNL_MEMORY_NONE);

    dnnl::primitive_attr attr;
    if (!c.activation.isIdentity()) {
        dnnl::post_ops ops;
        c.activation.appendTo(ops);
        attr.set_post_ops(ops);
    }
    const memory::desc wei({oc, ic, k, k}, type, memory::format_tag::any);
    const memory::desc bias = c.bias ? plainDesc({oc}) : memory::desc();
    const memory::desc dstAny = anyDesc({n, oc, h, w}, type);
    memory::desc convSrc = anyDesc(in, type);
    for (int a = 0; a < 2; ++a)
        for (int b = 0; b < 2; ++b) {
            Phase& p = phases_[static_cast<size_t>(2 * a + b)];
            // taps t = 0..k-1 read x[m + c_a - (k - 1) + t]: padding (k - 1 - c_a) before, c_a after
            const int ca = (a + k - 1 - (a + k - 1) % 2) / 2, cb = (b + k - 1 - (b + k - 1) % 2) / 2;
            const dnnl::convolution_forward::primitive_desc pd(
                {dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct, convSrc, wei, bias, dstAny,
                 {1, 1}, {k - 1 - ca, k - 1 - cb}, {ca, cb}},
                attr, eng);
            convSrc = pd.src_desc();  // every phase reads the input in the first one's layout
            p.conv = dnnl::primitive(pd);
            p.weight = makeTensor({oc, ic, k, k});
            p.wei = memory(plainDesc({oc, ic, k, k}), eng, p.weight.data);
            p.weiIn = Bridge::toLayout(p.wei, pd.weights_desc());
            p.dst = memory(pd.dst_desc(), eng);
            p.view = memory::desc({n, oc, h, w}, outDesc_.data_type(),
                                  {strides[0], strides[1], 2 * strides[2], 2 * strides[3]});
            const size_t element = outDesc_.data_type() == memory::data_type::bf16 ? 2 : 4;
            p.viewOffset = static_cast<size_t>(a * strides[2] + b * strides[3]) * element;
            p.toOutput = makeReorder(pd.dst_desc(), p.view);
            p.viewMemory = memory(p.view, eng, DNNL_MEMORY_NONE);
        }
    src_ = memory(src, eng, DNNL_MEMORY_NONE);
    srcIn_ = Bridge::toLayout(src_, convSrc);
    if (c.bias) bias_ = memory(bias, eng, DNNL_MEMORY_NONE);
    for (Phase& p : phases_) {
        p.args = {{DNNL_ARG_SRC, srcIn_.memory()}, {DNNL_ARG_WEIGHTS, p.weiIn.memory()}, {DNNL_ARG_DST, p.dst}};
        if (c.bias) p.args[DNNL_ARG_BIAS] = bias_;
    }
}

void SubPixelDeconv::prepareWeights(const cv::Mat& weight) {
    const int ic = cfg_.inChannels, oc = cfg_.outChannels, k2 = cfg_.window.kernelH, k = k2 / 2;
    for (int a = 0; a < 2; ++a)
        for (int b = 0; b < 2; ++b) {
            cv::Mat& wp = phases_[static_cast<size_t>(2 * a + b)].weight;
            const int ra = (a + k - 1) % 2, rb = (b + k - 1) % 2;
            for (int o = 0; o < oc; ++o)
                for (int i = 0; i < ic; ++i) {
                    const float* from = weight.ptr<float>(i, o);  // [2k, 2k] of W[i, o]
                    float* to = wp.ptr<float>(o, i);              // [k, k] of W_ab[o, i]
                    for (int t = 0; t < k; ++t)
                        for (int u = 0; u < k; ++u)
                            to[t * k + u] = from[(2 * (k - 1 - t) + ra) * k2 + 2 * (k - 1 - u) + rb];
                }
        }
}

memory SubPixelDeconv::run(dnnl::stream& s, const memory& src, const cv::Mat& weight, const cv::Mat& bias, void* out) {
    if (preparedWeights_ != weight.data) {
        prepareWeights(weight);
        for (Phase& p : phases_) p.weiIn.run(s);
        preparedWeights_ = weight.data;
    }
    src_.set_data_handle(src.get_data_handle());
    srcIn_.run(s);
    if (cfg_.bias) bias_.set_data_handle(bias.data);
    char* base = static_cast<char*>(chained_ ? owned_.get_data_handle() : out);
    for (Phase& p : phases_) {
        p.conv.execute(s, p.args);
        p.viewMemory.set_data_handle(base + p.viewOffset);
        p.toOutput.execute(s, p.dst, p.viewMemory);
    }
    if (chained_) return owned_;
    outMemory_.set_data_handle(out);
    return outMemory_;
}

}  // namespace aecv::ops

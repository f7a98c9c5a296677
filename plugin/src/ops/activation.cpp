// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/activation.hpp"

#include "ops/bridge.hpp"

namespace aecv::ops {

using alg = dnnl::algorithm;
using prop = dnnl::prop_kind;

namespace {

struct Entry {
    const char* name;
    ActivationKind kind;
    alg algorithm;
    float defaultAlpha;
};

const Entry kTable[] = {
    {"identity",   ActivationKind::Identity,  alg::eltwise_linear,   1.f},
    {"relu",       ActivationKind::ReLU,      alg::eltwise_relu,     0.f},
    {"leaky_relu", ActivationKind::LeakyReLU, alg::eltwise_relu,     0.01f},
    {"elu",        ActivationKind::ELU,       alg::eltwise_elu,      1.f},
    {"selu",       ActivationKind::SELU,      alg::eltwise_elu,      kSeluAlpha},
    {"sigmoid",    ActivationKind::Sigmoid,   alg::eltwise_logistic, 0.f},
    {"tanh",       ActivationKind::Tanh,      alg::eltwise_tanh,     0.f},
};

const Entry& entry(ActivationKind kind) {
    for (const Entry& e : kTable)
        if (e.kind == kind) return e;
    CV_Error(cv::Error::StsInternal, "unknown activation kind");
}

// The alpha oneDNN gets: the user's for LeakyReLU/ELU, the fixed one otherwise.
float dnnlAlpha(const Activation& a) {
    const bool tunable = a.kind == ActivationKind::LeakyReLU || a.kind == ActivationKind::ELU;
    return tunable ? a.alpha : entry(a.kind).defaultAlpha;
}

}  // namespace

Activation Activation::fromName(const std::string& name, float alpha) {
    for (const Entry& e : kTable) {
        if (name == e.name) return Activation{e.kind, alpha < 0.f ? e.defaultAlpha : alpha};
    }
    CV_Error(cv::Error::StsBadArg, cv::format("unknown activation '%s'; expected one of identity, relu, "
             "leaky_relu, elu, selu, sigmoid, tanh", name.c_str()));
}

const char* Activation::name() const { return entry(kind).name; }

void Activation::appendTo(dnnl::post_ops& ops) const {
    if (isIdentity()) return;
    ops.append_eltwise(1.f, entry(kind).algorithm, dnnlAlpha(*this), 0.f);
    if (kind == ActivationKind::SELU) ops.append_eltwise(1.f, alg::eltwise_linear, kSeluLambda, 0.f);
}

Eltwise::Eltwise(const Activation& act, const dnnl::memory::desc& layout, Phase phase)
    : selu_(act.kind == ActivationKind::SELU) {
    const alg a = entry(act.kind).algorithm;
    const float alpha = dnnlAlpha(act);
    const prop p = phase == Phase::Training ? prop::forward_training : prop::forward_inference;
    dnnl::eltwise_forward::primitive_desc fwdPd({p, a, layout, alpha, 0.f}, cpuEngine());
    fwd_ = dnnl::eltwise_forward(fwdPd);
    if (selu_)
        scale_.emplace(dnnl::eltwise_forward::primitive_desc({p, alg::eltwise_linear, layout, kSeluLambda, 0.f},
                                                            cpuEngine()));
    if (phase == Phase::Training)
        bwd_.emplace(dnnl::eltwise_backward::primitive_desc({a, layout, layout, alpha, 0.f}, cpuEngine(), fwdPd));
}

void Eltwise::forward(dnnl::stream& s, const dnnl::memory& src, const dnnl::memory& dst) {
    fwd_.execute(s, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}});
    if (scale_) scale_->execute(s, {{DNNL_ARG_SRC, dst}, {DNNL_ARG_DST, dst}});
}

void Eltwise::backward(dnnl::stream& s, const dnnl::memory& src, const dnnl::memory& dDst,
                       const dnnl::memory& dSrc) {
    CV_Assert(bwd_.has_value() && "Eltwise built for inference has no backward");
    bwd_->execute(s, {{DNNL_ARG_SRC, src}, {DNNL_ARG_DIFF_DST, dDst}, {DNNL_ARG_DIFF_SRC, dSrc}});
    // selu'(x) = lambda * elu'(x): scale the ELU gradient in place.
    if (scale_) scale_->execute(s, {{DNNL_ARG_SRC, dSrc}, {DNNL_ARG_DST, dSrc}});
}

Shape ActivationOp::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    return inputs[0];
}

ActivationOp::Plan& ActivationOp::plan(const Shape& s, Phase phase) {
    auto it = plans_.find({s, phase});
    if (it != plans_.end()) return it->second;
    const dnnl::memory::desc md = plainDesc(s);
    Plan p{Eltwise(act_, md, phase), dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE),
           dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE), dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE)};
    return plans_.emplace(std::make_pair(s, phase), std::move(p)).first->second;
}

namespace {

// A plain layout with gaps: a view of some channels of a wider tensor (a Slice's output).
bool stridedView(const dnnl::memory::desc& d) {
    if (d.data.format_kind != dnnl_blocked || d.data.format_desc.blocking.inner_nblks > 0) return false;
    size_t elements = 1;
    for (const dnnl::memory::dim n : d.dims()) elements *= static_cast<size_t>(n);
    return d.data.offset0 != 0 || d.get_size() != elements * dnnl::memory::data_type_size(d.data_type());
}

// In place on its input (identity: nothing to run); a strided view (the mask channel sliced off
// a head's output) is first copied out dense, as oneDNN 2.6 has only its reference eltwise for
// such views (15 ms for one 768x576 plane, against well under 1 ms dense).
class EltwiseStep final : public ChainStep {
public:
    EltwiseStep(const Activation& act, const dnnl::memory::desc& src) : desc_(src) {
        if (act.isIdentity()) return;
        if (stridedView(src)) {
            desc_ = dnnl::memory::desc(src.dims(), src.data_type(), src.dims().size() == 4
                                                                        ? dnnl::memory::format_tag::nhwc
                                                                        : dnnl::memory::format_tag::nc);
            toDense_ = makeReorder(src, desc_);
            dense_ = dnnl::memory(desc_, cpuEngine());
        }
        eltwise_.emplace(act, desc_, Phase::Inference);
    }
    dnnl::memory::desc output() const override { return desc_; }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory&) override {
        if (!eltwise_) return a;
        if (!toDense_) {
            eltwise_->forward(s, a, a);
            return a;
        }
        toDense_->execute(s, {{DNNL_ARG_FROM, a}, {DNNL_ARG_TO, dense_}});
        eltwise_->forward(s, dense_, dense_);
        return dense_;
    }

private:
    dnnl::memory::desc desc_;
    std::optional<Eltwise> eltwise_;
    std::optional<dnnl::reorder> toDense_;
    dnnl::memory dense_;
};

}  // namespace

std::unique_ptr<ChainStep> ActivationOp::chainPrepare(const std::vector<Shape>& in,
                                                      const std::vector<dnnl::memory::desc>& src, bool overwrite) {
    CV_Assert(in.size() == 1 && src.size() == 1 && overwrite && "an activation chains in place");
    return std::make_unique<EltwiseStep>(act_, src[0]);
}

void ActivationOp::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape s = inputShapes(inputs)[0];
    if (act_.isIdentity()) {
        output = inputs[0];
        return;
    }
    ensureTensor(output, s);
    Plan& p = plan(s, phase);
    p.src.set_data_handle(inputs[0].data);
    p.dst.set_data_handle(output.data);
    p.eltwise.forward(cpuStream(), p.src, p.dst);
    cpuStream().wait();
}

void ActivationOp::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                            std::vector<cv::Mat>& dInputs) {
    const Shape s = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    if (act_.isIdentity()) {
        dInputs[0] = dOutput;
        return;
    }
    ensureTensor(dInputs[0], s);
    Plan& p = plan(s, Phase::Training);
    p.src.set_data_handle(inputs[0].data);
    p.dDst.set_data_handle(dOutput.data);
    p.dst.set_data_handle(dInputs[0].data);  // dst holds dL/dx here
    p.eltwise.backward(cpuStream(), p.src, p.dDst, p.dst);
    cpuStream().wait();
}

}  // namespace aecv::ops

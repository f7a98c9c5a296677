// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "collective.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#ifdef AECV_WITH_MPI
#include <mpi.h>
#endif

namespace aecv::train {

Collective& Collective::world() {
    static Collective w;
    return w;
}

Collective::Collective() {
#ifdef AECV_WITH_MPI
    // Only under mpirun: a process on its own stays out of MPI (no singleton start-up).
    if (std::getenv("OMPI_COMM_WORLD_SIZE")) {
        int ready = 0;
        MPI_Initialized(&ready);
        if (!ready) MPI_Init(nullptr, nullptr);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
        mpi_ = true;
    }
#endif
}

Collective::~Collective() {
#ifdef AECV_WITH_MPI
    int done = 0;
    if (mpi_) MPI_Finalized(&done);
    if (mpi_ && !done) MPI_Finalize();
#endif
}

namespace {

// Seconds since `start`.
double since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

#ifdef AECV_WITH_MPI
template <typename T>
void sumInBuckets(T* data, size_t count, MPI_Datatype type) {
    const size_t bucket = Collective::kBucketBytes / sizeof(T);
    for (size_t first = 0; first < count; first += bucket)
        MPI_Allreduce(MPI_IN_PLACE, data + first, static_cast<int>(std::min(bucket, count - first)), type, MPI_SUM,
                      MPI_COMM_WORLD);
}
#endif

}  // namespace

void Collective::sum(float* data, size_t count) {
    if (size_ == 1) return;
    const auto start = std::chrono::steady_clock::now();
#ifdef AECV_WITH_MPI
    sumInBuckets(data, count, MPI_FLOAT);
#else
    (void)data, (void)count;
#endif
    seconds_ += since(start);
}

void Collective::sum(double* data, size_t count) {
    if (size_ == 1) return;
    const auto start = std::chrono::steady_clock::now();
#ifdef AECV_WITH_MPI
    sumInBuckets(data, count, MPI_DOUBLE);
#else
    (void)data, (void)count;
#endif
    seconds_ += since(start);
}

void Collective::startSum(float* data, size_t count) {
    if (size_ == 1 || count == 0) return;
#ifdef AECV_WITH_MPI
    const auto start = std::chrono::steady_clock::now();
    const size_t bucket = kBucketBytes / sizeof(float);
    for (size_t first = 0; first < count; first += bucket) {
        auto* request = new MPI_Request;
        MPI_Iallreduce(MPI_IN_PLACE, data + first, static_cast<int>(std::min(bucket, count - first)), MPI_FLOAT, MPI_SUM,
                       MPI_COMM_WORLD, request);
        pending_.push_back(request);
    }
    seconds_ += since(start);
#else
    (void)data;
#endif
}

void Collective::progress() {
#ifdef AECV_WITH_MPI
    for (void* r : pending_) {
        int flag = 0;
        MPI_Test(static_cast<MPI_Request*>(r), &flag, MPI_STATUS_IGNORE);  // a completed request becomes null
    }
#endif
}

void Collective::finishSums() {
#ifdef AECV_WITH_MPI
    const auto start = std::chrono::steady_clock::now();
    for (void* r : pending_) {
        MPI_Wait(static_cast<MPI_Request*>(r), MPI_STATUS_IGNORE);
        delete static_cast<MPI_Request*>(r);
    }
    pending_.clear();
    seconds_ += since(start);
#endif
}

double Collective::sum(double value) {
    sum(&value, 1);
    return value;
}

std::vector<uint64_t> Collective::gather(uint64_t value) {
    std::vector<uint64_t> all(static_cast<size_t>(size_), value);
#ifdef AECV_WITH_MPI
    if (size_ > 1) MPI_Allgather(&value, 1, MPI_UINT64_T, all.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD);
#endif
    return all;
}

void Collective::abort(int code) {
#ifdef AECV_WITH_MPI
    if (mpi_) MPI_Abort(MPI_COMM_WORLD, code);
#endif
    std::exit(code);
}

uint64_t fingerprint(const float* data, size_t count) {
    uint64_t h = 1469598103934665603ull;
    const auto* bytes = reinterpret_cast<const unsigned char*>(data);
    for (size_t i = 0; i < count * sizeof(float); ++i) h = (h ^ bytes[i]) * 1099511628211ull;
    return h;
}

}  // namespace aecv::train

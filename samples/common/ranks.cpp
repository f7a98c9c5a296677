// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ranks.hpp"

#include <cstdlib>
#include <string>

#ifdef AECV_WITH_MPI
#include <mpi.h>
#endif

namespace aecv::samples {

namespace {

// Open MPI's launcher sets these in every process it starts.
int fromEnvironment(const char* name, int fallback) {
    const char* v = std::getenv(name);
    return v && *v ? std::atoi(v) : fallback;
}

}  // namespace

Ranks::Ranks() {
    const bool launched = std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr;
#ifdef AECV_WITH_MPI
    if (launched) {  // alone, a process stays out of MPI: no singleton start-up, no daemon
        MPI_Init(nullptr, nullptr);
        MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
        MPI_Comm_size(MPI_COMM_WORLD, &size_);
        mpi_ = true;
        return;
    }
#endif
    if (launched) {
        rank_ = fromEnvironment("OMPI_COMM_WORLD_RANK", 0);
        size_ = fromEnvironment("OMPI_COMM_WORLD_SIZE", 1);
    }
}

Ranks::~Ranks() {
#ifdef AECV_WITH_MPI
    if (mpi_) MPI_Finalize();
#endif
}

long Ranks::sum(long value) const {
#ifdef AECV_WITH_MPI
    if (mpi_) {
        long total = 0;
        MPI_Allreduce(&value, &total, 1, MPI_LONG, MPI_SUM, MPI_COMM_WORLD);
        return total;
    }
#endif
    return value;
}

}  // namespace aecv::samples

#ifndef NEWSINGEST_CRDKAFKA_SHIM_H
#define NEWSINGEST_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <signal.h>

// rd_kafka_producev takes variadic macro arguments, which Swift cannot call; this fixes the argument list.
// On success librdkafka owns `headers`; on failure the caller still does.
static inline rd_kafka_resp_err_t newsingest_produce(rd_kafka_t *rk, const char *topic, int32_t partition,
                                                     const void *key, size_t key_len, const void *value,
                                                     size_t value_len, rd_kafka_headers_t *headers,
                                                     void *opaque) {
    return rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(partition),
                             RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers),
                             RD_KAFKA_V_OPAQUE(opaque), RD_KAFKA_V_END);
}

// The mock's request-error injection is variadic too.
static inline void newsingest_mock_push_request_error(rd_kafka_mock_cluster_t *cluster, int16_t api_key,
                                                      size_t count, rd_kafka_resp_err_t error) {
    for (size_t i = 0; i < count; i++) {
        rd_kafka_mock_push_request_errors(cluster, api_key, 1, error);
    }
}

/* The mock cluster's broker threads inherit the creating thread's signal mask (rd_kafka_new blocks signals in its
   own threads, the mock does not). A broker writing to a client that went away would then raise SIGPIPE and kill
   the whole process; with SIGPIPE blocked in those threads the write fails with EPIPE instead. */
static inline rd_kafka_mock_cluster_t *newsingest_mock_cluster_new(rd_kafka_t *rk, int brokers) {
    sigset_t block, previous;
    sigemptyset(&block);
    sigaddset(&block, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &block, &previous);
    rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
    pthread_sigmask(SIG_SETMASK, &previous, NULL);
    return cluster;
}

#endif

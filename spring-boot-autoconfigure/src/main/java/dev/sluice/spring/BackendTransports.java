package dev.sluice.spring;

import dev.sluice.transport.TransportFactory;
import dev.sluice.config.Backend;

import dev.sluice.runtime.StatusSink;
import dev.sluice.transport.rabbitmq.RabbitMqTransport;
import dev.sluice.transport.sls.SlsTransport;

/** The transport factory of each backend. */
final class BackendTransports {
    private BackendTransports() {
    }

    static TransportFactory factory(Backend backend, String pipelineName, StatusSink status) {
        return switch (backend) {
            case RABBITMQ -> RabbitMqTransport.factory(pipelineName, status);
            case SLS -> SlsTransport.factory(pipelineName, status);
        };
    }
}

import ArgumentParser

public struct TopicOptions: ParsableArguments, Sendable {
    @Option(Setting.topic, help: "Topic of raw articles")
    public var topicFlag: String?

    public init() {}

    public var topic: String { Setting.topic.resolve(topicFlag) }
}

public enum Inquest { public static let version = "0.1.0" }

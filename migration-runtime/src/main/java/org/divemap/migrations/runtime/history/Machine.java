package org.divemap.migrations.runtime.history;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who and where this process runs, looked up once. */
final class Machine {

    private static final String OS_USER = lookUpUser();
    private static final String HOST_NAME = lookUpHost();

    private Machine() {}

    static String osUser() {
        return OS_USER;
    }

    static String hostName() {
        return HOST_NAME;
    }

    private static String lookUpUser() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    private static String lookUpHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
                String value = System.getenv(variable);
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return "unknown";
        }
    }
}

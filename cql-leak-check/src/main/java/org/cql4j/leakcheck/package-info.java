/**
 * Build support, not API: fails the tests of every cql4j module when Netty reports a leaked
 * resource. See {@link org.cql4j.leakcheck.LeakCheckExtension} and docs/testing.md, "Leak checks".
 */
package org.cql4j.leakcheck;
